// `labs matrix LAB`: run the lab, and after each step draw who can reach whom, computed by the mesh engine.
import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import { DEFAULT_ISTIO } from '../defaults.ts';
import type { MatrixFlags } from '../matrix-run.ts';

// Add `labs matrix` to the program.
export function registerMatrix(program: Command, ctx: CliContext): void {
  program
    .command('matrix')
    .argument('<lab>', 'a lab name under labs/, or a folder with a lab.yaml')
    .option('--step <id>', 'show only the grid after this step (the lab runs until it)')
    .option('--html <file>', 'also write the grids as one self-contained HTML page')
    .option(
      '--target <target>',
      'embedded (default: the cluster `labs up` started, else one for this run), kind, k3s, or context=NAME',
      'embedded',
    )
    .option('--istio <version>', 'Istio version to install or expect', DEFAULT_ISTIO)
    .option('--yes', 'with --target context=NAME: use a context labs did not create')
    .description(
      'Run a lab and show, after each step, which pod can reach which Service port (computed by the mesh engine)',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  $ labs matrix 080-authorization\n  $ labs matrix 080-authorization --step l7-policy --html matrix.html',
    )
    .action(async (name: string, flags: MatrixFlags) => {
      const { runMatrix } = await import('../matrix-run.ts');
      await runMatrix(ctx, name, flags);
    });
}
