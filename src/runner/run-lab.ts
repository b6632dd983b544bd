// A whole lab: back to its clean start, setup, then each step; the report is built from the results.
import type { KubeClient } from '../cluster/client.ts';
import { runActions } from './actions/index.ts';
import { checkName } from './checks/index.ts';
import { systemClock, type Clock, type ExplainFailure, type KubectlRunner, type RunContext, type RunnableLab } from './context.ts';
import type { ActionResult, EmitEvent, LabReport, StepReport } from './events.ts';
import { clearInventory, loadInventory } from './inventory.ts';
import { istioRangeNotice } from './istio-range.ts';
import { runStep, type StepHooks, type StepMode } from './run-step.ts';
import { selectSteps, type StepSelection } from './selection.ts';

export interface RunLabOptions {
  lab: RunnableLab;
  client: KubeClient;
  kubectl: KubectlRunner;
  convergenceMs: number;
  target: string;
  istio: string;
  emit: EmitEvent;
  signal: AbortSignal;
  clock?: Clock;
  selection?: StepSelection;
  discriminate?: boolean;
  hooks?: StepHooks & { beforeStep?: (step: RunnableLab['lab']['steps'][number]) => Promise<'run' | 'skip' | 'quit'> };
  requestCount?: () => number;
  explainFailure?: ExplainFailure;
}

// Put the cluster back to the lab's clean start: delete what an earlier run of it applied.
export async function resetLab(client: KubeClient, lab: string, clock: Clock = systemClock) {
  return clearInventory(client, lab, { sleep: (ms) => clock.sleep(ms) });
}

async function runSetup(ctx: RunContext): Promise<ActionResult[]> {
  const actions = ctx.lab.lab.setup ?? [];
  if (actions.length === 0) return [];
  ctx.emit({ type: 'setup:begin', actions });
  const results = await runActions(actions, 'setup', ctx);
  await ctx.inventory.save();
  ctx.emit({ type: 'setup:end', status: results.every((r) => r.status === 'passed') ? 'passed' : 'failed' });
  return results;
}

// Run a lab end to end and return its report (also emitted as lab:end).
export async function runLab(options: RunLabOptions): Promise<LabReport> {
  const clock = options.clock ?? systemClock;
  const start = clock.now();
  const { lab } = options.lab;
  options.emit({ type: 'lab:begin', lab, target: options.target, istio: options.istio });
  const outside = istioRangeNotice(lab.mesh?.istio, options.istio);
  if (outside) options.emit({ type: 'log', message: outside });
  const report: LabReport = {
    lab: lab.name,
    title: lab.title,
    target: options.target,
    istio: options.istio,
    passed: false,
    durationMs: 0,
    setup: [],
    steps: [],
  };
  const modes = selectSteps(lab.steps, options.selection);
  const progress = { current: undefined as string | undefined };
  try {
    await resetLab(options.client, lab.name, clock);
    const ctx: RunContext = {
      client: options.client,
      lab: options.lab,
      convergenceMs: options.convergenceMs,
      kubectl: options.kubectl,
      clock,
      signal: options.signal,
      emit: options.emit,
      inventory: await loadInventory(options.client, lab.name),
      explainFailure: options.explainFailure,
    };
    report.setup = await runSetup(ctx);
    if (report.setup.some((a) => a.status === 'failed')) {
      report.error = 'setup failed';
    } else {
      await runSteps(ctx, modes, options, report.steps, progress);
    }
  } catch (error) {
    if ((error as { kind?: string }).kind !== 'interrupted') throw error;
    report.interrupted = true;
    report.error = 'interrupted';
    if (progress.current) report.interruptedAt = progress.current;
  }
  report.passed = !report.error && report.steps.every((s) => s.status !== 'failed');
  report.durationMs = clock.now() - start;
  if (options.requestCount) report.apiRequests = options.requestCount();
  options.emit({ type: 'lab:end', report });
  return report;
}

async function runSteps(
  ctx: RunContext,
  modes: StepMode[],
  options: RunLabOptions,
  reports: StepReport[],
  progress: { current: string | undefined },
) {
  const steps = ctx.lab.lab.steps;
  for (const [index, step] of steps.entries()) {
    progress.current = step.id;
    let mode = modes[index]!;
    if (mode === 'run' && options.hooks?.beforeStep) {
      const choice = await options.hooks.beforeStep(step);
      if (choice === 'quit') break;
      if (choice === 'skip') mode = 'fast-forward';
    }
    const result = await runStep(step, index, ctx, { mode, discriminate: options.discriminate ?? false, hooks: options.hooks ?? {} }, checkName);
    await ctx.inventory.save();
    const { quit, ...stepReport } = result;
    reports.push(stepReport);
    if (quit) break;
    // A failed action leaves the cluster short of what later steps build on: stop there.
    if (result.actions.some((a) => a.status === 'failed')) {
      for (const rest of steps.slice(index + 1)) reports.push({ id: rest.id, title: rest.title, status: 'skipped', actions: [], checks: [] });
      break;
    }
  }
}
