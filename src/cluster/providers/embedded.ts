// The embedded target: the in-process Kubernetes API server of src/sim. up() reuses a cluster that
// `labs up` left running (LABS_HOME/embedded.json, pid alive and answering), else starts one in this
// process that release() stops. startDetachedCluster/stopDetachedCluster/detachedClusterStatus are
// what `labs up`, `labs down` and `labs status` call.
import { spawn } from 'node:child_process';
import { existsSync, openSync, readFileSync, rmSync, closeSync, mkdirSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { PACKAGE_ROOT, RUNS_FROM_BUNDLE } from '../../package-root.ts';
import type { EmbeddedCluster } from '../../sim/index.ts';
import { CONTEXT_NAME, readKubeconfigCredentials } from '../../sim/kubeconfig.ts';
import { detachedPaths, type DetachedState } from '../../sim/detached-state.ts';
import { ClusterError } from '../errors.ts';
import { resolveLabsHome } from '../paths.ts';
import type { ClusterInfo, ClusterProvider, ProviderOptions } from '../provider.ts';

export interface DetachedStatus extends DetachedState {
  kubeconfig: string;
}

// From the bundle in dist/ the server is plain JavaScript; from src/ it runs through tsx.
const SERVE_SCRIPT = join(PACKAGE_ROOT, RUNS_FROM_BUNDLE ? 'dist/sim/serve.js' : 'src/sim/serve.ts');
const START_TIMEOUT_MS = 15_000;

function readState(home: string): DetachedState | undefined {
  try {
    return JSON.parse(readFileSync(detachedPaths(home).state, 'utf8')) as DetachedState;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// Whether the API server behind a kubeconfig answers GET /version with its token.
async function answers(url: string, kubeconfig: string): Promise<boolean> {
  const { ca, token } = readKubeconfigCredentials(kubeconfig);
  return new Promise((resolve) => {
    const req = request(`${url}/version`, { ca, headers: { Authorization: `Bearer ${token}` }, timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

// The detached cluster `labs up` left running, if its process is alive and its API answers.
export async function detachedClusterStatus(options: { home: string }): Promise<DetachedStatus | undefined> {
  const state = readState(options.home);
  if (!state || !isAlive(state.pid) || !existsSync(state.kubeconfigPath)) return undefined;
  const kubeconfig = readFileSync(state.kubeconfigPath, 'utf8');
  return (await answers(state.url, kubeconfig)) ? { ...state, kubeconfig } : undefined;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

// Start an embedded cluster in a detached process that outlives this one; resolves once it answers.
export async function startDetachedCluster(options: { home: string; istio: string; profile?: 'ambient' | 'default' }): Promise<DetachedStatus> {
  const existing = await detachedClusterStatus({ home: options.home });
  if (existing) return existing;
  mkdirSync(options.home, { recursive: true });
  const paths = detachedPaths(options.home);
  rmSync(paths.state, { force: true });
  const log = openSync(paths.log, 'w');
  const child = spawn(process.execPath, [...(RUNS_FROM_BUNDLE ? [] : ['--import', 'tsx']), SERVE_SCRIPT, '--home', options.home, '--istio', options.istio, '--profile', options.profile ?? 'ambient'], {
    detached: true, stdio: ['ignore', log, log], cwd: PACKAGE_ROOT,
  });
  closeSync(log);
  let exited = false;
  child.once('exit', () => { exited = true; });
  child.unref();
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline && !exited) {
    const state = readState(options.home);
    if (state?.pid === child.pid) {
      const status = await detachedClusterStatus({ home: options.home });
      if (status) return status;
    }
    await sleep(25);
  }
  if (!exited && child.pid !== undefined) process.kill(child.pid, 'SIGTERM');
  const output = existsSync(paths.log) ? readFileSync(paths.log, 'utf8').trim().split('\n').slice(-20).join('\n') : '';
  throw new ClusterError('unreachable', `The embedded cluster did not start${exited ? '' : ` within ${START_TIMEOUT_MS / 1000}s`}; its log (${paths.log}) says:\n${output || '(nothing)'}`);
}

// Stop the detached cluster; resolves true when one was running.
export async function stopDetachedCluster(options: { home: string }): Promise<boolean> {
  const state = readState(options.home);
  const paths = detachedPaths(options.home);
  if (!state || !isAlive(state.pid)) {
    rmSync(paths.state, { force: true });
    return false;
  }
  process.kill(state.pid, 'SIGTERM');
  for (let i = 0; i < 200 && isAlive(state.pid); i++) await sleep(25);
  if (isAlive(state.pid)) process.kill(state.pid, 'SIGKILL');
  rmSync(paths.state, { force: true });
  rmSync(paths.kubeconfig, { force: true });
  return true;
}

// Create the embedded provider.
export function createEmbeddedProvider(options: { home?: string } = {}): ClusterProvider {
  const home = options.home ?? resolveLabsHome();
  let local: EmbeddedCluster | undefined;
  let info: ClusterInfo | undefined;
  let config: string | undefined;
  return {
    target: 'embedded',
    convergenceMs: 0,
    async up(opts: ProviderOptions): Promise<ClusterInfo> {
      if (info) return info;
      const detached = await detachedClusterStatus({ home });
      if (detached && detached.profile !== opts.profile) {
        opts.log?.(`the embedded cluster labs up started has the ${detached.profile} profile; starting a ${opts.profile} one for this run`);
      } else if (detached) {
        opts.log?.(`using the embedded cluster labs up started at ${detached.url} (pid ${detached.pid})`);
        config = detached.kubeconfig;
        info = { target: 'embedded', context: CONTEXT_NAME, istio: detached.istio, server: detached.url };
        return info;
      }
      // Loaded here: commands that only look for a labs-up cluster need not load the cluster itself.
      const { startEmbeddedCluster } = await import('../../sim/index.ts');
      local = await startEmbeddedCluster({ istio: opts.istio, profile: opts.profile });
      config = local.kubeconfig;
      info = { target: 'embedded', context: CONTEXT_NAME, istio: local.istio, server: local.url };
      return info;
    },
    async kubeconfig(): Promise<string> {
      if (config === undefined) throw new ClusterError('unreachable', 'The embedded cluster is not up yet: call up() first.');
      return config;
    },
    async release(): Promise<void> {
      const running = local;
      local = undefined;
      info = undefined;
      config = undefined;
      await running?.stop();
    },
    async down(): Promise<void> {
      await this.release();
      await stopDetachedCluster({ home });
    },
    async describe(): Promise<ClusterInfo | undefined> {
      if (info) return info;
      const detached = await detachedClusterStatus({ home });
      return detached ? { target: 'embedded', context: CONTEXT_NAME, istio: detached.istio, server: detached.url } : undefined;
    },
    requestCount(): number {
      return local?.requestCount() ?? 0;
    },
  };
}
