// `labs run LAB|PATH`: one lab, narrated step by step; --guided walks a learner through it.
import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import { UsageError } from '../errors.ts';
import { DEFAULT_ISTIO } from '../defaults.ts';

export interface RunFlags {
  target: string;
  istio: string;
  yes?: boolean;
  reporter: string;
  out?: string;
  step?: string;
  from?: string;
  until?: string;
  guided?: boolean;
  discriminate?: boolean;
  dryRun?: boolean;
  preload?: boolean;
}

// The flags run and verify share.
export function addTargetFlags(command: Command): Command {
  return command
    .option('--target <target>', 'embedded (default: the cluster `labs up` started, else one for this run), kind, k3s, or context=NAME', 'embedded')
    .option('--istio <version>', 'Istio version to install or expect', DEFAULT_ISTIO)
    .option('--yes', 'with --target context=NAME: use a context labs did not create')
    .option('--reporter <name>', 'tty, json or junit', 'tty')
    .option('--out <file>', 'write the json or junit report to FILE instead of stdout')
    .option('--dry-run', 'print every command, download and API call it would make, and do nothing')
    .option('--preload', 'kind: pull the images the labs and Istio need and load them into the cluster first');
}

export function registerRun(program: Command, ctx: CliContext): void {
  addTargetFlags(program.command('run').argument('<lab>', 'a lab name under labs/, or a folder with a lab.yaml'))
    .description('Run a lab: setup, then every step with its actions and checks')
    .option('--step <id>', 'run only this step (the steps before it are applied without their checks)')
    .option('--from <id>', 'start at this step (the steps before it are applied without their checks)')
    .option('--until <id>', 'stop after this step')
    .option('--guided', 'for learners at a terminal: explain each step, show its manifests, wait for Enter')
    .option('--discriminate', "also run each step's checks before its actions and flag checks that cannot fail")
    .addHelpText(
      'after',
      `
Examples:
  $ labs run 080-authorization
  $ labs run 080-authorization --guided
  $ labs run ./my-lab --reporter json --out report.json
  $ labs run ambient-waypoint --from l7-policy --target kind --istio 1.27.3`,
    )
    .action(async (lab: string, flags: RunFlags) => {
      if (flags.step && (flags.from || flags.until)) throw new UsageError('--step cannot be combined with --from or --until');
      if (flags.dryRun) {
        const { printRunPlan } = await import('../dry-run.ts');
        return printRunPlan(ctx, [lab], { target: flags.target, istio: flags.istio, yes: flags.yes, preloadImages: flags.preload ?? false });
      }
      if (flags.guided && !ctx.terminal.input) throw new UsageError('--guided needs a terminal to read keys from');
      const { parseReporter } = await import('../reporters.ts');
      const { runLabs } = await import('../run-labs.ts');
      const guided = flags.guided ? (await import('../guided.ts')).createGuidedHooks(ctx) : undefined;
      await runLabs(ctx, {
        labs: [lab],
        target: flags.target,
        istio: flags.istio,
        yes: flags.yes,
        reporter: parseReporter(flags.reporter),
        out: flags.out,
        many: false,
        selection: { step: flags.step, from: flags.from, until: flags.until },
        discriminate: flags.discriminate ?? false,
        preloadImages: flags.preload ?? false,
        ...(guided ? { hooks: guided, explainLines: 0 } : {}),
      });
    });
}
