// What `labs check`, `labs solve` and `labs reset` share: a lab and a cluster that is already up.
import { defaultLabsDir, loadLab } from '../lab/index.ts';
import type { RunnableLab } from '../runner/context.ts';
import { createProvider } from '../cluster/providers/index.ts';
import { labsHome, type CliContext } from './context.ts';
import { UsageError } from './errors.ts';
import { paint } from './terminal.ts';
import { withTarget, type TargetOptions, type TargetSession } from './target.ts';
import type { ActionResult, CheckResult } from '../runner/events.ts';

export class NothingUpError extends UsageError {}

// Run fn on the cluster the target names, which must be up already: a learner's work lives there.
export async function withRunningTarget<T>(ctx: CliContext, options: TargetOptions, fn: (session: TargetSession) => Promise<T>): Promise<T> {
  const provider = await createProvider(options.target, { home: labsHome(ctx), yes: options.yes ?? false, env: ctx.env });
  if (!(await provider.describe())) {
    throw new NothingUpError(
      `no ${options.target} cluster is up: start one with \`labs up --target ${options.target}\`, then run the lab on it with \`labs run LAB --until STEP\``,
    );
  }
  return withTarget(ctx, { ...options, provider }, fn);
}

export async function loadRunnableLab(ctx: CliContext, name: string): Promise<RunnableLab> {
  return await loadLab(name, { labsDir: defaultLabsDir(ctx.cwd), cwd: ctx.cwd });
}

// What the runner's step tasks need of a session: the cluster, kubectl, the target's convergence.
export function taskOptions(ctx: CliContext, session: TargetSession) {
  return {
    client: session.client,
    kubectl: (args: string[], signal?: AbortSignal, cwd?: string) => session.kubectl.run(args, signal, cwd),
    convergenceMs: session.provider.convergenceMs,
    emit: () => undefined,
    signal: ctx.signal,
  };
}

// One line per check: ✓ or ✗ with what is still wrong.
export function printChecks(ctx: CliContext, results: CheckResult[]): void {
  const c = paint(ctx.terminal);
  for (const r of results) {
    ctx.terminal.out(r.status === 'passed' ? `${c.green('✓')} ${r.name}\n` : `${c.red('✗')} ${r.name}\n    ${r.failure ?? ''}\n`);
  }
}

export function printActions(ctx: CliContext, results: ActionResult[]): void {
  const c = paint(ctx.terminal);
  for (const r of results) {
    ctx.terminal.out(r.status === 'passed' ? `${c.green('✓')} ${r.description}\n` : `${c.red('✗')} ${r.description}\n    ${r.failure ?? ''}\n`);
    for (const d of r.detail) ctx.terminal.out(c.dim(`    ${d}\n`));
  }
}
