// What every action and check runs with: the cluster client, the lab's files, time, and where events go.
import type { KubeClient, KubeObject } from '../cluster/client.ts';
import type { Lab } from '../lab/schema.ts';
import type { EmitEvent } from './events.ts';
import type { Inventory } from './inventory.ts';

// One document of a manifest file, with where it came from (for error messages).
export interface ManifestDocument {
  file: string;
  index: number; // 1-based document number in the file
  object: KubeObject;
}

// The lab as the runner needs it; lab/'s LoadedLab satisfies it.
export interface RunnableLab {
  lab: Lab;
  dir: string;
  manifests: Map<string, ManifestDocument[]>;
  files: Map<string, string>;
}

export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

// Runs the kubectl binary against the target (a property of the target: its kubeconfig file).
// kubectl with these arguments; `cwd` is the lab folder, so relative paths in a kubectl action mean what lab.yaml's do.
export type KubectlRunner = (args: string[], signal?: AbortSignal, cwd?: string) => Promise<{ exitCode: number; stdout: string; stderr: string }>;

// Why a failed request check ended as it did, in words (the CLI passes `labs explain`'s engine here).
export type ExplainFailure = (request: { from: string; url: string; method: string; headers: Record<string, string> }) => Promise<string[]>;

export interface RunContext {
  client: KubeClient;
  lab: RunnableLab;
  convergenceMs: number; // the target's default for checks without a timeout (0: one attempt)
  kubectl: KubectlRunner;
  clock: Clock;
  signal: AbortSignal;
  emit: EmitEvent;
  inventory: Inventory;
  explainFailure?: ExplainFailure | undefined;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      }, { once: true });
    }),
};

export class InterruptedError extends Error {
  readonly kind = 'interrupted';
  constructor() {
    super('interrupted');
  }
}

// Stop between requests once the run was interrupted (Ctrl-C).
export function throwIfInterrupted(signal: AbortSignal): void {
  if (signal.aborted) throw new InterruptedError();
}
