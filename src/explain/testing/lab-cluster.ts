// For tests: an embedded cluster in this process with a shipped lab run up to a step, reachable through LABS_HOME
// the way `labs up` leaves one (so `--target embedded` commands find it).
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createKubeClient, type KubeClient } from '../../cluster/client.ts';
import { openKubectlSession } from '../../cluster/kubectl.ts';
import { loadLab } from '../../lab/index.ts';
import { runLab } from '../../runner/run-lab.ts';
import { startEmbeddedCluster, type EmbeddedCluster } from '../../sim/index.ts';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface LabCluster {
  cluster: EmbeddedCluster;
  client: KubeClient;
  home: string; // LABS_HOME whose embedded.json points at this cluster
  stop(): Promise<void>;
}

// Start a cluster and run the lab's setup and steps until `until` (kubectl actions run the real kubectl).
export async function startLabCluster(lab: string, until: string): Promise<LabCluster> {
  const cluster = await startEmbeddedCluster();
  const client = createKubeClient(cluster.kubeconfig);
  const loaded = await loadLab(lab, { labsDir: join(ROOT, 'labs'), cwd: ROOT });
  const kubectl = await openKubectlSession(cluster.kubeconfig);
  const report = await runLab({
    lab: loaded,
    client,
    convergenceMs: 0,
    target: 'embedded',
    istio: cluster.istio,
    emit: () => undefined,
    kubectl: (args, signal) => kubectl.run(args, signal),
    signal: new AbortController().signal,
    selection: { until },
  }).finally(() => kubectl.close());
  if (report.error || report.steps.some((s) => s.actions.some((a) => a.status === 'failed')))
    throw new Error(`${lab} did not run until ${until}`);
  const home = await mkdtemp(join(tmpdir(), 'labs-explain-'));
  const kubeconfigPath = join(home, 'embedded.kubeconfig');
  await writeFile(kubeconfigPath, cluster.kubeconfig);
  const state = {
    pid: process.pid,
    url: cluster.url,
    kubeconfigPath,
    istio: cluster.istio,
    profile: 'ambient',
    startedAt: new Date().toISOString(),
  };
  await writeFile(join(home, 'embedded.json'), JSON.stringify(state));
  return { cluster, client, home, stop: () => cluster.stop() };
}
