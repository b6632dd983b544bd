// --step / --from / --until: which steps run in full; the ones before are fast-forwarded (actions only),
// so the cluster reaches the state the selected steps build on.
import type { Step } from '../lab/schema.ts';
import type { StepMode } from './run-step.ts';

export interface StepSelection {
  step?: string | undefined;
  from?: string | undefined;
  until?: string | undefined;
}

export class UnknownStepError extends Error {
  readonly kind = 'usage';
}

function indexOf(steps: Step[], id: string, flag: string): number {
  const index = steps.findIndex((s) => s.id === id);
  if (index < 0) throw new UnknownStepError(`${flag} ${id}: no such step; the steps are ${steps.map((s) => s.id).join(', ')}`);
  return index;
}

// The mode of each step for a selection.
export function selectSteps(steps: Step[], selection: StepSelection = {}): StepMode[] {
  let first = 0;
  let last = steps.length - 1;
  if (selection.step !== undefined) first = last = indexOf(steps, selection.step, '--step');
  if (selection.from !== undefined) first = indexOf(steps, selection.from, '--from');
  if (selection.until !== undefined) last = indexOf(steps, selection.until, '--until');
  return steps.map((_, i) => (i < first ? 'fast-forward' : i <= last ? 'run' : 'skip'));
}
