// `labs reset [LAB]`: remove what labs applied for a lab and run its setup again — a clean start for an
// instructor without a new cluster. Without LAB, remove what every lab applied.
import type { Command } from 'commander';
import { countOf } from '../../report/text.ts';
import type { CliContext } from '../context.ts';
import { DEFAULT_ISTIO } from '../defaults.ts';

export function registerReset(program: Command, ctx: CliContext): void {
  program
    .command('reset')
    .argument('[lab]', 'a lab name under labs/, or a folder with a lab.yaml')
    .option('--target <target>', 'the cluster to reset', 'embedded')
    .option('--yes', 'with --target context=NAME: use a context labs did not create')
    .description("Remove what labs applied for a lab and run its setup again (without LAB: remove every lab's objects)")
    .addHelpText('after', '\nExamples:\n  $ labs reset 080-authorization\n  $ labs reset --target kind')
    .action(async (name: string | undefined, flags: { target: string; yes?: boolean }) => {
      const { runSetupActions } = await import('../../runner/challenge.ts');
      const { listInventories } = await import('../../runner/inventory.ts');
      const { resetLab } = await import('../../runner/run-lab.ts');
      const { loadRunnableLab, printActions, withRunningTarget, taskOptions } = await import('../step-task.ts');
      const lab = name === undefined ? undefined : await loadRunnableLab(ctx, name);
      await withRunningTarget(ctx, { target: flags.target, istio: DEFAULT_ISTIO, yes: flags.yes }, async (session) => {
        const names = lab ? [lab.lab.name] : await listInventories(session.client);
        for (const labName of names) {
          const removed = await resetLab(session.client, labName);
          ctx.terminal.out(`${labName}: removed ${countOf(removed.length, 'object')}\n`);
        }
        if (!lab) return;
        const results = await runSetupActions({
          lab,
          ...taskOptions(ctx, session),
        });
        printActions(ctx, results);
        ctx.exitCode = results.every((r) => r.status === 'passed') ? 0 : 1;
      });
    });
}
