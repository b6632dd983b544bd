// Test support: one embedded cluster per test file with a kubeconfig on disk, and the real kubectl
// run against it in a fresh HOME and discovery cache.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { startEmbeddedCluster, type EmbeddedCluster, type EmbeddedClusterOptions } from '../index.ts';
import { APPS } from './manifests.ts';

export interface KubectlResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface TestCluster {
  cluster: EmbeddedCluster;
  kubeconfigPath: string;
  dir: string;
  kubectl(args: string[], options?: { input?: string; env?: Record<string, string> }): Promise<KubectlResult>;
  // kubectl on a terminal (a pty from util-linux `script`), for -t; stdout holds everything it printed.
  kubectlOnTerminal(args: string[]): Promise<KubectlResult>;
  write(name: string, text: string): string;
  stop(): Promise<void>;
}

// Start a cluster and a kubectl bound to it.
export async function startTestCluster(options: EmbeddedClusterOptions = {}): Promise<TestCluster> {
  const cluster = await startEmbeddedCluster(options);
  const dir = mkdtempSync(join(tmpdir(), 'labs-sim-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  writeFileSync(kubeconfigPath, cluster.kubeconfig);
  const env = { KUBECONFIG: kubeconfigPath, KUBECACHEDIR: join(dir, 'cache'), HOME: dir, PATH: process.env.PATH ?? '/usr/bin' };
  return {
    cluster,
    kubeconfigPath,
    dir,
    async kubectl(args, opts = {}) {
      const r = await execa('kubectl', args, { env: { ...env, ...opts.env }, extendEnv: false, reject: false, ...(opts.input !== undefined ? { input: opts.input } : {}) });
      return { exitCode: r.exitCode ?? -1, stdout: r.stdout, stderr: r.stderr };
    },
    async kubectlOnTerminal(args) {
      const quote = (a: string): string => `'${a.replace(/'/g, `'\\''`)}'`;
      const r = await execa('script', ['-qec', ['kubectl', ...args].map(quote).join(' '), '/dev/null'], { env, extendEnv: false, reject: false, timeout: 20_000 });
      return { exitCode: r.exitCode ?? -1, stdout: r.stdout.replace(/\r\n/g, '\n'), stderr: r.stderr };
    },
    write(name, text) {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    },
    async stop() {
      await cluster.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// A cluster with the sample apps applied by `kubectl apply -f` and a curl pod `hello/x` made by `kubectl run`;
// fails loudly if either command does not do what kubectl does on a real cluster.
export async function startAppsCluster(): Promise<TestCluster> {
  const t = await startTestCluster();
  const applied = await t.kubectl(['apply', '-f', t.write('apps.yaml', APPS)]);
  if (applied.exitCode !== 0) throw new Error(`kubectl apply of the sample apps failed: ${applied.stderr}`);
  const run = await t.kubectl(['run', 'x', '-n', 'hello', '--image=curlimages/curl', '--command', '--', 'sleep', 'infinity']);
  if (run.stdout !== 'pod/x created') throw new Error(`kubectl run printed ${JSON.stringify(run.stdout)}, not "pod/x created"`);
  return t;
}
