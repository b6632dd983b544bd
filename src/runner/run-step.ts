// One step: its actions in order, then its checks; fast-forwarded steps run actions only.
import type { Check, Step } from '../lab/schema.ts';
import { runActions } from './actions/index.ts';
import { runCheck } from './checks/index.ts';
import type { RunContext } from './context.ts';
import type { ActionResult, CheckResult, StepReport, StepStatus } from './events.ts';

export type StepMode = 'run' | 'fast-forward' | 'skip';

// What guided mode decides for a challenge step: check the learner's work, apply the reference, or move on.
export type ChallengeChoice = 'check' | 'solve' | 'skip' | 'quit';

export interface StepHooks {
  challenge?: (step: Step, lastChecks: CheckResult[] | undefined) => Promise<ChallengeChoice>;
}

export interface StepOptions {
  mode: StepMode;
  discriminate?: boolean;
  hooks?: StepHooks;
}

// Run the checks once, silently, before the actions: a check that already holds cannot fail.
async function observeBefore(checks: Check[], step: Step, ctx: RunContext): Promise<boolean[]> {
  const quiet: RunContext = { ...ctx, convergenceMs: 0, emit: () => undefined, explainFailure: undefined };
  const held: boolean[] = [];
  for (const check of checks) {
    const { timeout: _t, consistently: _c, ...once } = check;
    held.push((await runCheck(once, step.id, quiet)).status === 'passed');
  }
  return held;
}

// What --discriminate knows of a check before it runs: whether it held already, and whether that matters.
export function discriminationFacts(checks: Check[], heldBefore: boolean[] | undefined, i: number): Partial<CheckResult> {
  if (!heldBefore?.[i]) return {};
  const claimed = 'documented' in checks[i]! && checks[i].documented !== undefined;
  const stepChangedSomething = heldBefore.some((held) => !held);
  return { unchanged: true, ...(claimed || stepChangedSomething ? {} : { vacuous: true }) };
}

async function runChecks(step: Step, ctx: RunContext, heldBefore?: boolean[]): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const checks = step.checks ?? [];
  for (const [i, check] of checks.entries()) {
    results.push(await runCheck(check, step.id, ctx, discriminationFacts(checks, heldBefore, i)));
  }
  return results;
}

const skippedCheck = (check: Check, stepId: string, name: string): CheckResult => ({
  name,
  stepId,
  status: 'skipped',
  expected: check.expect,
  attempts: 0,
  durationMs: 0,
});

// Guided challenge: the learner works in their own shell; check until it holds, or apply the reference.
async function runChallenge(step: Step, ctx: RunContext, hook: NonNullable<StepHooks['challenge']>) {
  let last: CheckResult[] | undefined;
  for (;;) {
    const choice = await hook(step, last);
    if (choice === 'quit' || choice === 'skip') return { actions: [], checks: last ?? [], choice };
    if (choice === 'solve') return { actions: await runActions(step.actions, step.id, ctx), checks: await runChecks(step, ctx), choice };
    last = await runChecks(step, ctx);
    if (last.every((c) => c.status === 'passed')) return { actions: [], checks: last, choice };
  }
}

function statusOf(actions: ActionResult[], checks: CheckResult[]): StepStatus {
  return actions.some((a) => a.status === 'failed') || checks.some((c) => c.status === 'failed') ? 'failed' : 'passed';
}

// Run a step and report it; `quit` is set when the learner asked to stop.
export async function runStep(
  step: Step,
  index: number,
  ctx: RunContext,
  options: StepOptions,
  checkName: (c: Check) => string,
): Promise<StepReport & { quit?: boolean }> {
  const base = { id: step.id, title: step.title };
  if (options.mode === 'skip') return { ...base, status: 'skipped', actions: [], checks: [] };
  const start = ctx.clock.now();
  ctx.emit({ type: 'step:begin', step, index, mode: options.mode });
  let actions: ActionResult[];
  let checks: CheckResult[];
  let quit = false;
  if (options.mode === 'fast-forward') {
    actions = await runActions(step.actions, step.id, ctx);
    checks = (step.checks ?? []).map((c) => skippedCheck(c, step.id, checkName(c)));
  } else if (step.challenge && options.hooks?.challenge) {
    const outcome = await runChallenge(step, ctx, options.hooks.challenge);
    ({ actions, checks } = outcome);
    quit = outcome.choice === 'quit';
  } else {
    const before = options.discriminate && step.actions?.length ? await observeBefore(step.checks ?? [], step, ctx) : undefined;
    actions = await runActions(step.actions, step.id, ctx);
    checks = actions.some((a) => a.status === 'failed')
      ? (step.checks ?? []).map((c) => skippedCheck(c, step.id, checkName(c)))
      : await runChecks(step, ctx, before);
  }
  const status = options.mode === 'fast-forward' && statusOf(actions, []) === 'passed' ? 'skipped' : statusOf(actions, checks);
  ctx.emit({ type: 'step:end', stepId: step.id, status, durationMs: ctx.clock.now() - start });
  return { ...base, status, actions, checks, ...(quit ? { quit } : {}) };
}
