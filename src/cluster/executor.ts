// One provider run's way of doing things: every command goes through here, is recorded in the plan,
// and in a dry run is only recorded (questions get the answer a fresh machine would give).
import type { CommandResult, CommandRunner } from './command.ts';
import { commandFailed, toolMissing, type ClusterErrorKind } from './errors.ts';
import { quoteArg, type PlanRecorder, type PlanStep } from './plan.ts';

export interface RunOptions {
  input?: string;
  inputLabel?: string; // how the plan names the input, e.g. "ConfigMap kube-public/labs-marker"
  cwd?: string;
  timeoutMs?: number;
  failure?: ClusterErrorKind; // the error kind when the command exits non-zero (default install)
  hint?: string; // what to do, appended to the failure message
  when?: string; // in a dry run: the condition under which this step would run
}

export interface AskOptions {
  cwd?: string;
  timeoutMs?: number;
  assume: CommandResult; // the answer used in a dry run
}

export interface Executor {
  readonly dryRun: boolean;
  readonly plan: PlanRecorder;
  readonly signal: AbortSignal | undefined;
  // Run a command that changes something; a non-zero exit throws a ClusterError
  run(command: string, args: string[], options?: RunOptions): Promise<CommandResult>;
  // Ask a read-only question; a non-zero exit is an answer, not an error
  ask(command: string, args: string[], options: AskOptions): Promise<CommandResult>;
  // Record a step that is not a command (download, write, container start)
  note(step: PlanStep): void;
}

// Create the executor for one up()/down() call
export function createExecutor(options: {
  runner: CommandRunner;
  plan: PlanRecorder;
  dryRun: boolean;
  signal?: AbortSignal;
}): Executor {
  const { runner, plan, dryRun, signal } = options;
  const record = (command: string, args: string[], extra: { input?: string; inputLabel?: string; when?: string }) => {
    const step: PlanStep = { kind: 'run', command, args };
    if (extra.input !== undefined) step.input = extra.inputLabel ?? 'stdin';
    if (dryRun && extra.when) step.when = extra.when;
    plan.record(step);
  };
  const exec = async (command: string, args: string[], opts: { input?: string; cwd?: string; timeoutMs?: number }) => {
    const result = await runner.run(command, args, { ...opts, ...(signal ? { signal } : {}) });
    if (result.missing) throw toolMissing(command);
    return result;
  };
  return {
    dryRun,
    plan,
    signal,
    async run(command, args, opts = {}) {
      record(command, args, opts);
      if (dryRun) return { exitCode: 0, stdout: '', stderr: '' };
      const result = await exec(command, args, opts);
      if (result.exitCode !== 0) {
        throw commandFailed({
          kind: opts.failure ?? 'install',
          command: [command, ...args.map(quoteArg)].join(' '),
          exitCode: result.exitCode,
          output: `${result.stdout}\n${result.stderr}`,
          ...(opts.hint ? { hint: opts.hint } : {}),
        });
      }
      return result;
    },
    async ask(command, args, opts) {
      record(command, args, {});
      if (dryRun) return opts.assume;
      return exec(command, args, opts);
    },
    note(step) {
      plan.record(step);
    },
  };
}
