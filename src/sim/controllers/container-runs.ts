// One-shot containers (a pod whose command is a curl or a short script): the kubelet runs the
// command once through the pod's shell, keeps its output as the container log, and reports the
// container terminated with its exit code; restartPolicy Never/OnFailure pods end Succeeded or Failed.
import type { KubeObject } from '../../mesh/types.ts';
import { kindNamed, resourceOf, type SimCluster } from '../cluster.ts';
import { commandOf, isOneShot } from '../container-command.ts';
import { runCommand } from '../shell.ts';
import { timestamp } from '../store.ts';

const ATTACH_WINDOW_MS = 2000;

// The key of a container's log and run: "<pod uid>/<container>".
export const containerKey = (pod: KubeObject, container: string): string => `${String(pod.metadata.uid)}/${container}`;

// The containers of a pod that run a one-shot command, with their argv.
export function oneShotContainers(pod: KubeObject): Array<{ name: string; argv: string[] }> {
  return ((pod.spec?.containers ?? []) as any[]).flatMap((c) => {
    const argv = commandOf(c);
    return isOneShot(argv) ? [{ name: String(c.name), argv }] : [];
  });
}

// End a container that cannot keep running (an interactive shell nobody can type into), with its log.
export function endContainer(cluster: SimCluster, options: { pod: KubeObject; container: string; exitCode: number; log: string }): void {
  cluster.logs.set(containerKey(options.pod, options.container), options.log);
  finish(cluster, options.pod, options.container, options.exitCode);
}

function finish(cluster: SimCluster, podRef: KubeObject, container: string, exitCode: number): void {
  const pod = cluster.store.get(resourceOf(kindNamed('', 'Pod')), podRef.metadata.namespace, podRef.metadata.name);
  if (!pod || pod.metadata.uid !== podRef.metadata.uid) return;
  const at = timestamp(cluster.now());
  const statuses = ((pod.status?.containerStatuses ?? []) as any[]).map((s) => (s.name !== container ? s : {
    ...s, ready: false, started: false,
    state: { terminated: { exitCode, reason: exitCode === 0 ? 'Completed' : 'Error', startedAt: s.state?.running?.startedAt ?? at, finishedAt: at, containerID: s.containerID } },
  }));
  const allDone = statuses.every((s) => s.state?.terminated);
  const policy = pod.spec?.restartPolicy ?? 'Always';
  const failed = statuses.some((s) => s.state?.terminated && s.state.terminated.exitCode !== 0);
  const phase = allDone && policy !== 'Always' ? (failed ? 'Failed' : 'Succeeded') : 'Running';
  const conditions = ((pod.status?.conditions ?? []) as any[]).map((c) => (c.type === 'Ready' || c.type === 'ContainersReady'
    ? { ...c, status: 'False', reason: phase === 'Running' ? 'ContainersNotReady' : 'PodCompleted', lastTransitionTime: at } : c));
  cluster.put({ ...pod, status: { ...pod.status, phase, conditions, containerStatuses: statuses } });
  cluster.reconcile();
}

// Run the one-shot containers of a pod that just started (after the current request).
export function startContainerRuns(cluster: SimCluster, pod: KubeObject): void {
  for (const { name, argv } of oneShotContainers(pod)) {
    const key = containerKey(pod, name);
    const run = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => runCommand(argv, {
        pod, container: name, tty: false, stdin: '', now: cluster.now, signal: cluster.stopping.signal,
        mesh: () => cluster.mesh.createMesh(cluster.objects(), cluster.settings),
      }))
      .catch((err: unknown) => ({ stdout: '', stderr: `labs: ${err instanceof Error ? err.message : String(err)}\n`, exitCode: 1 }))
      .then((result) => {
        cluster.logs.set(key, `${result.stdout}${result.stderr}`);
        const report = (): void => {
          try {
            finish(cluster, pod, name, result.exitCode);
          } catch {
            // the pod's status could not be written (the cluster is stopping); the log stays
          }
        };
        // A pod that restarts its containers stays ready a moment, long enough for `kubectl run -i` to attach.
        if ((pod.spec?.restartPolicy ?? 'Always') === 'Always') setTimeout(report, ATTACH_WINDOW_MS).unref();
        else report();
      });
    cluster.runs.set(key, run);
  }
}

// Forget the logs and runs of pods that are gone.
export function pruneContainerRuns(cluster: SimCluster): void {
  if (cluster.logs.size === 0 && cluster.runs.size === 0) return;
  const uids = new Set(cluster.list('', 'Pod').map((p) => String(p.metadata.uid)));
  for (const map of [cluster.logs, cluster.runs] as Array<Map<string, unknown>>) {
    for (const key of map.keys()) if (!uids.has(key.split('/')[0] ?? '')) map.delete(key);
  }
}
