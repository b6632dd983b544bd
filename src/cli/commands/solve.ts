// `labs solve LAB --step ID`: apply a step's reference solution to the cluster.
import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import { DEFAULT_ISTIO } from '../defaults.ts';

export function registerSolve(program: Command, ctx: CliContext): void {
  program
    .command('solve')
    .argument('<lab>', 'a lab name under labs/, or a folder with a lab.yaml')
    .requiredOption('--step <id>', 'the step whose reference solution to apply')
    .option('--target <target>', 'the cluster to apply it to', 'embedded')
    .option('--yes', 'with --target context=NAME: use a context labs did not create')
    .description("Apply a step's reference solution (its actions) to the cluster")
    .addHelpText('after', '\nExample:\n  $ labs solve 080-authorization --step fix-allow-policies')
    .action(async (name: string, flags: { step: string; target: string; yes?: boolean }) => {
      const { solveStep } = await import('../../runner/challenge.ts');
      const { loadRunnableLab, printActions, withRunningTarget, taskOptions } = await import('../step-task.ts');
      const lab = await loadRunnableLab(ctx, name);
      const results = await withRunningTarget(ctx, { target: flags.target, istio: DEFAULT_ISTIO, yes: flags.yes }, (session) =>
        solveStep({
          lab,
          stepId: flags.step,
          ...taskOptions(ctx, session),
        }),
      );
      printActions(ctx, results);
      ctx.exitCode = results.every((r) => r.status === 'passed') ? 0 : 1;
    });
}
