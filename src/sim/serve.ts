// Entry point of a detached embedded cluster (`labs up`): starts the cluster, writes
// <home>/embedded.kubeconfig and <home>/embedded.json, and stops cleanly on SIGTERM or SIGINT.
// Usage: node --import tsx src/sim/serve.ts --home DIR [--istio VERSION] [--profile ambient|default]
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startEmbeddedCluster } from './index.ts';

export { detachedPaths, type DetachedState } from './detached-state.ts';
import { detachedPaths, type DetachedState } from './detached-state.ts';

// Run the detached cluster until a signal ends it.
export async function serveDetached(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { home: { type: 'string' }, istio: { type: 'string' }, profile: { type: 'string' } } });
  if (!values.home) throw new Error('serve.ts: --home is required');
  const profile = values.profile === 'default' ? 'default' : 'ambient';
  const paths = detachedPaths(values.home);
  mkdirSync(values.home, { recursive: true });
  const cluster = await startEmbeddedCluster({ ...(values.istio ? { istio: values.istio } : {}), profile });
  writeFileSync(paths.kubeconfig, cluster.kubeconfig, { mode: 0o600 });
  const state: DetachedState = { pid: process.pid, url: cluster.url, kubeconfigPath: paths.kubeconfig, istio: cluster.istio, profile, startedAt: new Date().toISOString() };
  writeFileSync(`${paths.state}.tmp`, JSON.stringify(state, null, 2));
  renameSync(`${paths.state}.tmp`, paths.state);
  const stop = (): void => {
    rmSync(paths.state, { force: true });
    rmSync(paths.kubeconfig, { force: true });
    void cluster.stop();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  serveDetached(process.argv.slice(2)).catch((err: unknown) => {
    writeFileSync(2, `${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
