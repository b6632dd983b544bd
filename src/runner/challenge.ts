// `labs check` and `labs solve`: a learner's challenge step, on a cluster that is already up.
import type { KubeClient } from '../cluster/client.ts';
import type { Step } from '../lab/schema.ts';
import { runActions } from './actions/index.ts';
import { runCheck } from './checks/index.ts';
import { systemClock, type KubectlRunner, type RunContext, type RunnableLab } from './context.ts';
import type { ActionResult, CheckResult, EmitEvent } from './events.ts';
import { loadInventory } from './inventory.ts';
import { UnknownStepError } from './selection.ts';

export interface StepTaskOptions {
  lab: RunnableLab;
  stepId: string;
  client: KubeClient;
  kubectl: KubectlRunner;
  convergenceMs: number;
  emit: EmitEvent;
  signal: AbortSignal;
}

function findStep(lab: RunnableLab, id: string): Step {
  const step = lab.lab.steps.find((s) => s.id === id);
  if (!step) throw new UnknownStepError(`--step ${id}: no such step in ${lab.lab.name}; the steps are ${lab.lab.steps.map((s) => s.id).join(', ')}`);
  return step;
}

async function contextFor(options: StepTaskOptions): Promise<RunContext> {
  return {
    client: options.client,
    lab: options.lab,
    convergenceMs: options.convergenceMs,
    kubectl: options.kubectl,
    clock: systemClock,
    signal: options.signal,
    emit: options.emit,
    inventory: await loadInventory(options.client, options.lab.lab.name),
  };
}

// Run a step's checks against what is in the cluster now (the learner's own work).
export async function checkStep(options: StepTaskOptions): Promise<CheckResult[]> {
  const step = findStep(options.lab, options.stepId);
  const ctx = await contextFor(options);
  const results: CheckResult[] = [];
  for (const check of step.checks ?? []) results.push(await runCheck(check, step.id, ctx));
  return results;
}

// Apply a step's reference solution (its actions), recorded in the lab's inventory.
export async function solveStep(options: StepTaskOptions): Promise<ActionResult[]> {
  const step = findStep(options.lab, options.stepId);
  const ctx = await contextFor(options);
  const results = await runActions(step.actions, step.id, ctx);
  await ctx.inventory.save();
  return results;
}

// Run a lab's setup actions (after a reset), recorded in its inventory.
export async function runSetupActions(options: Omit<StepTaskOptions, 'stepId'>): Promise<ActionResult[]> {
  const ctx = await contextFor({ ...options, stepId: '' });
  const results = await runActions(options.lab.lab.setup, 'setup', ctx);
  await ctx.inventory.save();
  return results;
}
