// Reporters consume runner events; every hook is optional. The multiplexer fans events out and keeps a
// reporter's exception from aborting the run.
import type { ActionResult, CheckResult, LabReport, RunEvent, StepStatus } from '../runner/events.ts';
import type { Action, Lab, Step } from '../lab/schema.ts';

export interface Reporter {
  onLabBegin?(lab: Lab, target: string, istio: string): void;
  onSetupBegin?(actions: Action[]): void;
  onSetupEnd?(status: 'passed' | 'failed'): void;
  onStepBegin?(step: Step, index: number, mode: 'run' | 'fast-forward'): void;
  onActionBegin?(stepId: string, description: string): void;
  onActionEnd?(result: ActionResult): void;
  onCheckBegin?(stepId: string, name: string, command: string | undefined): void;
  onCheckEnd?(result: CheckResult): void;
  onDrift?(result: CheckResult): void;
  onStepEnd?(stepId: string, status: StepStatus, durationMs: number): void;
  onLog?(message: string): void;
  onLabEnd?(report: LabReport): void;
  // After every lab of the command: write files.
  onEnd?(reports: LabReport[]): Promise<void> | void;
  onError?(error: unknown): void;
}

// Deliver one runner event to a reporter's hook.
export function dispatch(reporter: Reporter, event: RunEvent): void {
  switch (event.type) {
    case 'lab:begin':
      return reporter.onLabBegin?.(event.lab, event.target, event.istio);
    case 'setup:begin':
      return reporter.onSetupBegin?.(event.actions);
    case 'setup:end':
      return reporter.onSetupEnd?.(event.status);
    case 'step:begin':
      return reporter.onStepBegin?.(event.step, event.index, event.mode);
    case 'action:begin':
      return reporter.onActionBegin?.(event.stepId, event.description);
    case 'action:end':
      return reporter.onActionEnd?.(event.result);
    case 'check:begin':
      return reporter.onCheckBegin?.(event.stepId, event.name, event.command);
    case 'check:end':
      reporter.onCheckEnd?.(event.result);
      if (event.result.drift) reporter.onDrift?.(event.result);
      return;
    case 'step:end':
      return reporter.onStepEnd?.(event.stepId, event.status, event.durationMs);
    case 'log':
      return reporter.onLog?.(event.message);
    case 'lab:end':
      return reporter.onLabEnd?.(event.report);
  }
}

// One reporter made of several; a failing reporter is reported to the others and never stops the run.
export function createMultiplexer(reporters: Reporter[], onReporterError: (error: unknown) => void): Reporter & { emit(event: RunEvent): void } {
  const guard = (fn: () => void) => {
    try {
      fn();
    } catch (error) {
      onReporterError(error);
    }
  };
  return {
    emit: (event) => reporters.forEach((r) => guard(() => dispatch(r, event))),
    async onEnd(reports) {
      for (const r of reporters) {
        try {
          await r.onEnd?.(reports);
        } catch (error) {
          onReporterError(error);
        }
      }
    },
    onError: (error) => reporters.forEach((r) => guard(() => r.onError?.(error))),
  };
}
