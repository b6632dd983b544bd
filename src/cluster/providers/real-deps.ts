// What the kind, k3s and context providers depend on, passed as one options object so tests can use fakes.
import { join } from 'node:path';
import { createCommandRunner, type CommandRunner } from '../command.ts';
import { createExecutor, type Executor } from '../executor.ts';
import type { IstioctlSource } from '../istio.ts';
import { resolveCacheDir, resolveLabsHome, resolvePackageRoot } from '../paths.ts';
import { createPlan, type PlanRecorder } from '../plan.ts';

export interface RealProviderDeps {
  runner?: CommandRunner; // default: execa
  fetch?: typeof fetch; // default: global fetch
  labsHome?: string; // default: $LABS_HOME or ~/.labs
  cacheDir?: string; // default: <labs home>/cache
  clock?: () => Date;
  plan?: PlanRecorder; // every step of up()/down() is recorded here; a dry run only records
  root?: string; // the package root holding clusters/
  releaseBaseUrl?: string; // where istioctl releases are downloaded from (tests point it at a local server)
  platform?: string; // process.platform by default
  arch?: string; // process.arch by default
}

export interface ResolvedDeps {
  runner: CommandRunner;
  fetch: typeof fetch;
  labsHome: string;
  cacheDir: string;
  clock: () => Date;
  plan: PlanRecorder | undefined;
  root: string;
  source: IstioctlSource;
}

// Fill in the defaults
export function resolveDeps(deps: RealProviderDeps): ResolvedDeps {
  const labsHome = deps.labsHome ?? resolveLabsHome();
  const cacheDir = deps.cacheDir ?? resolveCacheDir(labsHome);
  const runner = deps.runner ?? createCommandRunner();
  const fetcher = deps.fetch ?? globalThis.fetch;
  return {
    runner,
    fetch: fetcher,
    labsHome,
    cacheDir,
    clock: deps.clock ?? (() => new Date()),
    plan: deps.plan,
    root: deps.root ?? resolvePackageRoot(),
    source: {
      cacheDir,
      fetch: fetcher,
      runner,
      ...(deps.releaseBaseUrl ? { releaseBaseUrl: deps.releaseBaseUrl } : {}),
      ...(deps.platform ? { platform: deps.platform } : {}),
      ...(deps.arch ? { arch: deps.arch } : {}),
    },
  };
}

// An executor for one call, recording into the shared plan (or a fresh one)
export function startExecutor(deps: ResolvedDeps, options: { dryRun?: boolean; signal?: AbortSignal }): Executor {
  return createExecutor({
    runner: deps.runner,
    plan: deps.plan ?? createPlan(),
    dryRun: options.dryRun === true,
    ...(options.signal ? { signal: options.signal } : {}),
  });
}

// Fail with tool-missing before anything slow when a CLI the target needs is not on PATH
export async function requireTools(exec: Executor, tools: { command: string; args: string[] }[]): Promise<void> {
  for (const tool of tools) {
    await exec.ask(tool.command, tool.args, { timeoutMs: 15_000, assume: { exitCode: 0, stdout: '', stderr: '' } });
  }
}

// The kubeconfig file labs owns for a cluster it created (never the person's ~/.kube/config)
export function ownedKubeconfigPath(labsHome: string, cluster: string): string {
  return join(labsHome, `${cluster}.kubeconfig`);
}
