// The scheduler and kubelet in one step: a new pod gets the node, an IP, and Running/Ready
// status with one running container status per container (sidecar init containers included).
import type { KubeObject } from '../../mesh/types.ts';
import type { SimCluster } from '../cluster.ts';
import { timestamp } from '../store.ts';
import { startContainerRuns, oneShotContainers } from './container-runs.ts';
import { recordPodStart } from './events.ts';

const NODE_IP = '172.18.0.2';

function runningStatus(c: any, started: string): Record<string, unknown> {
  return {
    name: c.name, image: c.image, imageID: `${String(c.image).split(':')[0]}@sha256:${'0'.repeat(64)}`,
    containerID: `containerd://${'0'.repeat(64)}`, ready: true, started: true, restartCount: 0,
    state: { running: { startedAt: started } }, lastState: {},
  };
}

function completedStatus(c: any, at: string): Record<string, unknown> {
  return {
    name: c.name, image: c.image, imageID: '', containerID: `containerd://${'0'.repeat(64)}`, ready: true, started: false, restartCount: 0,
    state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: at, finishedAt: at } }, lastState: {},
  };
}

// The pod as the kubelet reports it once its containers run.
export function startPod(pod: KubeObject, cluster: SimCluster): KubeObject {
  const at = timestamp(cluster.now());
  const ip = cluster.allocatePodIp();
  // A one-shot container is not ready while it runs, unless the pod restarts it (then kubectl attaches).
  const oneShot = new Set(pod.spec?.restartPolicy === 'Always' || pod.spec?.restartPolicy === undefined ? [] : oneShotContainers(pod).map((c) => c.name));
  const ready = oneShot.size === 0;
  const condition = (type: string): Record<string, unknown> => ({
    type, status: ready || (type !== 'Ready' && type !== 'ContainersReady') ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: at,
  });
  const inits = (pod.spec?.initContainers ?? []) as any[];
  return {
    ...pod,
    spec: { ...pod.spec, nodeName: pod.spec?.nodeName ?? cluster.nodeName },
    status: {
      phase: 'Running',
      conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map(condition),
      hostIP: NODE_IP, hostIPs: [{ ip: NODE_IP }], podIP: ip, podIPs: [{ ip }], startTime: at, qosClass: 'BestEffort',
      containerStatuses: ((pod.spec?.containers ?? []) as any[]).map((c) => ({ ...runningStatus(c, at), ready: !oneShot.has(c.name) })),
      ...(inits.length > 0 ? { initContainerStatuses: inits.map((c) => (c.restartPolicy === 'Always' ? runningStatus(c, at) : completedStatus(c, at))) } : {}),
    },
  };
}

// Start every pod that has not started yet.
export function runKubelet(cluster: SimCluster): void {
  for (const pod of cluster.list('', 'Pod')) {
    if (pod.status?.podIP || pod.metadata.deletionTimestamp) continue;
    const started = cluster.put(startPod(pod, cluster));
    recordPodStart(cluster, started);
    startContainerRuns(cluster, started);
  }
}
