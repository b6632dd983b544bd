// `labs doctor`: check this machine for what the real targets need, and say what to install or fix.
import type { Command } from 'commander';
import pc from 'picocolors';
import { createCommandRunner } from '../../cluster/command.ts';
import { missingFor, runDoctor, type DoctorReport } from '../../cluster/doctor.ts';
import { resolveCacheDir } from '../../cluster/paths.ts';
import type { CliContext } from '../context.ts';
import { labsHome } from '../context.ts';
import { UsageError } from '../errors.ts';

const marks = { ok: '✓', warn: '!', missing: '✗' } as const;

// The report as terminal lines: one per check, its fix indented below
export function formatDoctorReport(report: DoctorReport, colors: boolean): string[] {
  const paint = { ok: colors ? pc.green : String, warn: colors ? pc.yellow : String, missing: colors ? pc.red : String };
  const width = Math.max(...report.checks.map((check) => check.name.length));
  return report.checks.flatMap((check) => [
    `${paint[check.status](marks[check.status])} ${check.name.padEnd(width)}  ${check.detail}`,
    ...(check.fix ? [`  ${' '.repeat(width)}  → ${check.fix}`] : []),
  ]);
}

// Add `labs doctor` to the program
export function registerDoctor(program: Command, ctx: CliContext): void {
  program
    .command('doctor')
    .description('Check Docker, kind, kubectl, cached istioctl, Node.js and GitHub access for the real targets')
    .option('--target <target>', 'also exit 3 when something this target needs is missing: kind, k3s or context=NAME')
    .addHelpText('after', '\nThe embedded cluster (the default target) needs none of these.\n\nExamples:\n  $ labs doctor\n  $ labs doctor --target kind')
    .action(async (options: { target?: string }) => {
      const report = await runDoctor({
        runner: createCommandRunner(),
        fetch: globalThis.fetch,
        cacheDir: resolveCacheDir(labsHome(ctx)),
        nodeVersion: process.versions.node,
      });
      for (const line of formatDoctorReport(report, ctx.terminal.colors)) ctx.terminal.out(`${line}\n`);
      const missing = report.checks.filter((check) => check.status === 'missing').length;
      ctx.terminal.out(missing === 0 ? 'Everything the real targets need is here.\n' : `${missing} missing; the embedded target works without them.\n`);
      if (options.target === undefined) return;
      const lacking = missingFor(report, options.target);
      if (!lacking) throw new UsageError(`--target ${options.target}: doctor checks kind, k3s or context=NAME`);
      if (lacking.length > 0) {
        ctx.terminal.err(`Not ready for --target ${options.target}: ${lacking.map((check) => check.name).join(', ')} missing.\n`);
        ctx.exitCode = 3;
      }
    });
}
