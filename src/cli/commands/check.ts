// `labs check LAB --step ID`: does what is in the cluster now pass the step's checks? (a learner's challenge)
import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import { DEFAULT_ISTIO } from '../defaults.ts';

export function registerCheck(program: Command, ctx: CliContext): void {
  program
    .command('check')
    .argument('<lab>', 'a lab name under labs/, or a folder with a lab.yaml')
    .requiredOption('--step <id>', 'the step whose checks to run')
    .option('--target <target>', 'the cluster your work is on', 'embedded')
    .option('--yes', 'with --target context=NAME: use a context labs did not create')
    .description("Run one step's checks against what is in the cluster now, and say what is still wrong")
    .addHelpText('after', '\nExample:\n  $ labs up && labs run 080-authorization --until l7-policy\n  $ labs check 080-authorization --step fix-allow-policies')
    .action(async (name: string, flags: { step: string; target: string; yes?: boolean }) => {
      const { checkStep } = await import('../../runner/challenge.ts');
      const { loadRunnableLab, printChecks, withRunningTarget, taskOptions } = await import('../step-task.ts');
      const lab = await loadRunnableLab(ctx, name);
      const results = await withRunningTarget(ctx, { target: flags.target, istio: DEFAULT_ISTIO, yes: flags.yes }, (session) =>
        checkStep({
          lab,
          stepId: flags.step,
          ...taskOptions(ctx, session),
        }),
      );
      printChecks(ctx, results);
      const failed = results.filter((r) => r.status !== 'passed').length;
      ctx.terminal.out(failed ? `${failed} of ${results.length} checks still fail.\n` : `All ${results.length} checks hold.\n`);
      ctx.exitCode = failed ? 1 : 0;
    });
}
