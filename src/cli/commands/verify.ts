// `labs verify`: several labs, non-interactive, one report — what CI runs on a new Istio release.
import type { Command } from 'commander';
import { defaultLabsDir, listLabs } from '../../lab/index.ts';
import type { CliContext } from '../context.ts';
import { UsageError } from '../errors.ts';
import { addTargetFlags, type RunFlags } from './run.ts';

export function registerVerify(program: Command, ctx: CliContext): void {
  addTargetFlags(program.command('verify').argument('[labs...]', 'lab names under labs/ or folders with a lab.yaml'))
    .description('Run several labs without stopping for input and write one report')
    .option('--all', 'every lab under labs/')
    .option('--shard <i/n>', 'with --all: run only shard I of N (1-based), e.g. 2/4')
    .option('--discriminate', "also run each step's checks before its actions and flag checks that cannot fail")
    .addHelpText(
      'after',
      `
Examples:
  $ labs verify --all
  $ labs verify --all --istio 1.28.0 --reporter junit --out junit.xml
  $ labs verify --all --target kind --shard 1/2
  $ labs verify 080-authorization --discriminate`,
    )
    .action(async (labs: string[], flags: RunFlags & { all?: boolean; shard?: string }) => {
      const { selectShard } = await import('../../cluster/shard.ts');
      const { parseReporter } = await import('../reporters.ts');
      const { printRunPlan } = await import('../dry-run.ts');
      const { runLabs } = await import('../run-labs.ts');
      if (flags.all && labs.length > 0) throw new UsageError('name labs or give --all, not both');
      if (!flags.all && labs.length === 0) throw new UsageError('name at least one lab, or give --all');
      if (flags.shard && !flags.all) throw new UsageError('--shard goes with --all');
      let names = flags.all ? await listLabs(defaultLabsDir(ctx.cwd)) : labs;
      if (flags.shard) names = selectShard(names, flags.shard);
      if (flags.dryRun) return printRunPlan(ctx, names, { target: flags.target, istio: flags.istio, yes: flags.yes, preloadImages: flags.preload ?? false });
      await runLabs(ctx, {
        labs: names,
        target: flags.target,
        istio: flags.istio,
        yes: flags.yes,
        reporter: parseReporter(flags.reporter),
        out: flags.out,
        many: true,
        discriminate: flags.discriminate ?? false,
        preloadImages: flags.preload ?? false,
      });
    });
}
