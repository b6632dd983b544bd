// `labs lint [LAB|PATH|FILE ...]`: static checks of manifests against what Istio refuses and the traps lessons fall into.
import { readdir, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { defaultLabsDir, LAB_FILE, listLabs, loadLab } from '../../lab/index.ts';
import {
  findingsToJson,
  formatFinding,
  lintFiles,
  lintLab,
  sortFindings,
  summarizeFindings,
  type LintFinding,
} from '../../lint/index.ts';
import type { CliContext } from '../context.ts';
import { UsageError } from '../errors.ts';

type Target = { kind: 'lab'; name: string } | { kind: 'file'; path: string };

async function yamlFilesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries
      .sort((a, b) => a.name.localeCompare(b.name))
      .map(async (e) => {
        const path = join(dir, e.name);
        if (e.isDirectory()) return yamlFilesUnder(path);
        return /\.ya?ml$/.test(e.name) ? [path] : [];
      }),
  );
  return nested.flat();
}

// A lab name, a lab folder or its lab.yaml, a folder of manifests, or a manifest file.
async function resolveTarget(arg: string, cwd: string): Promise<Target[]> {
  const path = resolve(cwd, arg);
  const info = await stat(path).catch(() => undefined);
  if (info?.isFile())
    return basename(path) === LAB_FILE
      ? [{ kind: 'lab', name: resolve(path, '..') }]
      : [{ kind: 'file', path }];
  if (info?.isDirectory()) {
    if (await stat(join(path, LAB_FILE)).catch(() => undefined)) return [{ kind: 'lab', name: path }];
    return (await yamlFilesUnder(path)).map((p) => ({ kind: 'file' as const, path: p }));
  }
  return [{ kind: 'lab', name: arg }];
}

async function lintTargets(ctx: CliContext, args: string[]): Promise<LintFinding[]> {
  const labsDir = defaultLabsDir(ctx.cwd);
  const targets: Target[] = [];
  if (args.length === 0)
    targets.push(...(await listLabs(labsDir)).map((name) => ({ kind: 'lab' as const, name })));
  for (const arg of args) targets.push(...(await resolveTarget(arg, ctx.cwd)));
  if (targets.length === 0)
    throw new UsageError(`nothing to lint: no labs under ${labsDir} and no files given`);
  const findings: LintFinding[] = [];
  for (const t of targets)
    if (t.kind === 'lab')
      findings.push(...(await lintLab(await loadLab(t.name, { labsDir, cwd: ctx.cwd }), ctx.cwd)));
  const files = targets.flatMap((t) => (t.kind === 'file' ? [t.path] : []));
  if (files.length > 0) findings.push(...(await lintFiles(files, ctx.cwd)));
  return sortFindings(findings);
}

// Add `labs lint` to the program.
export function registerLint(program: Command, ctx: CliContext): void {
  program
    .command('lint')
    .argument(
      '[targets...]',
      'lab names, lab folders, folders of manifests or manifest files (default: every lab under labs/)',
    )
    .option('--format <format>', 'text or json', 'text')
    .description('Check manifests for what Istio refuses and for policies that do not do what they say')
    .addHelpText(
      'after',
      '\nExamples:\n  $ labs lint\n  $ labs lint 080-authorization\n  $ labs lint my-policy.yaml --format json',
    )
    .action(async (args: string[], flags: { format: string }) => {
      if (flags.format !== 'text' && flags.format !== 'json')
        throw new UsageError(`--format must be text or json; found "${flags.format}"`);
      const findings = await lintTargets(ctx, args);
      const errors = findings.filter((f) => f.severity === 'error').length;
      if (flags.format === 'json') {
        const count = (s: string) => findings.filter((f) => f.severity === s).length;
        const summary = { errors, warnings: count('warning'), expected: count('info') };
        ctx.terminal.out(`${JSON.stringify({ findings: findingsToJson(findings), summary }, null, 2)}\n`);
      } else {
        for (const f of findings) ctx.terminal.out(`${formatFinding(f)}\n`);
        ctx.terminal.out(`${summarizeFindings(findings)}\n`);
      }
      ctx.exitCode = errors > 0 ? 1 : 0;
    });
}
