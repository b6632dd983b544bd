// The runner's only output: a stream of events that reporters turn into terminal lines, JSON or JUnit.
import type { Action, Check, Lab, Step } from '../lab/schema.ts';

// What curl (or the API) showed: an HTTP response, or a connection failure with curl's exit code.
export type ObservedOutcome =
  | { status: number; headers: Record<string, string>; body: string }
  | { error?: 'reset' | 'refused' | 'timeout' | 'dns' | 'empty-reply'; curlExit: number; message: string };

// What a resource check saw.
export interface ObservedResource {
  exists: boolean;
  condition?: { type: string; status: string; reason?: string; message?: string };
}

export type CheckStatus = 'passed' | 'failed' | 'skipped';

// The facts of one check; `passed` is derived from them by the check itself.
export interface CheckResult {
  name: string;
  stepId: string;
  status: CheckStatus;
  command?: string; // the plain command a learner would type
  expected: unknown;
  observed?: ObservedOutcome | ObservedResource;
  attempts: number;
  durationMs: number;
  convergedMs?: number; // time until the outcome matched
  drift?: { documented: unknown; quote?: string; note?: string };
  output?: string; // raw curl output of the last attempt
  failure?: string; // one line: expected ...; observed ...
  explanation?: string[]; // a failed request check: the path and decisions, from labs explain
  // --discriminate: the check already held before the step's actions. `unchanged` says so for every such
  // check; `vacuous` marks the ones that pin nothing: no lesson claim (documented) and no other check of the
  // step that the actions changed (a boundary such as "the allowed caller still gets 200" is not vacuous).
  unchanged?: boolean;
  vacuous?: boolean;
}

export interface ActionResult {
  stepId: string;
  description: string; // "apply manifests/01-x.yaml"
  status: 'passed' | 'failed';
  detail: string[]; // created/configured lines, warnings, command output
  failure?: string;
}

export type StepStatus = 'passed' | 'failed' | 'skipped';

export type RunEvent =
  | { type: 'lab:begin'; lab: Lab; target: string; istio: string }
  | { type: 'setup:begin'; actions: Action[] }
  | { type: 'setup:end'; status: 'passed' | 'failed' }
  | { type: 'step:begin'; step: Step; index: number; mode: 'run' | 'fast-forward' }
  | { type: 'action:begin'; stepId: string; action: Action; description: string }
  | { type: 'action:end'; result: ActionResult }
  | { type: 'check:begin'; stepId: string; check: Check; name: string; command?: string }
  | { type: 'check:end'; result: CheckResult }
  | { type: 'step:end'; stepId: string; status: StepStatus; durationMs: number }
  | { type: 'log'; message: string }
  | { type: 'lab:end'; report: LabReport };

export interface StepReport {
  id: string;
  title: string;
  status: StepStatus;
  actions: ActionResult[];
  checks: CheckResult[];
}

// Everything one lab run established; reporters write it, the CLI derives the exit code from it.
export interface LabReport {
  lab: string;
  title: string;
  target: string;
  istio: string;
  passed: boolean;
  durationMs: number;
  setup: ActionResult[];
  steps: StepReport[];
  error?: string; // the run stopped early (setup failed, interrupted)
  interrupted?: boolean;
  interruptedAt?: string; // the step that was running when the run was interrupted
  apiRequests?: number;
}

export type EmitEvent = (event: RunEvent) => void;
