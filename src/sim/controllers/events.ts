// core/v1 Events that the scheduler, kubelet and controllers record, so `kubectl describe` and
// `kubectl get events` show the usual story (Scheduled, Pulled, Created, Started, ScalingReplicaSet).
import type { KubeObject } from '../../mesh/types.ts';
import type { SimCluster } from '../cluster.ts';
import { timestamp } from '../store.ts';

export interface EventSpec {
  involved: KubeObject;
  reason: string;
  message: string;
  component: string; // default-scheduler, kubelet, deployment-controller
  type?: 'Normal' | 'Warning';
  fieldPath?: string;
}

let sequence = 0;

// Event names end in the hex of the time in nanoseconds (client-go record), so they sort by time.
function eventSuffix(ms: number): string {
  sequence = (sequence + 1) % 1_000_000;
  return (BigInt(ms) * 1_000_000n + BigInt(sequence)).toString(16);
}

// Record one Event about an object.
export function recordEvent(cluster: SimCluster, e: EventSpec): void {
  const at = timestamp(cluster.now());
  const { involved } = e;
  cluster.put({
    apiVersion: 'v1', kind: 'Event',
    metadata: { name: `${involved.metadata.name}.${eventSuffix(cluster.now())}`, namespace: involved.metadata.namespace ?? 'default' },
    involvedObject: {
      apiVersion: involved.apiVersion, kind: involved.kind, name: involved.metadata.name, namespace: involved.metadata.namespace,
      uid: involved.metadata.uid, resourceVersion: involved.metadata.resourceVersion, ...(e.fieldPath ? { fieldPath: e.fieldPath } : {}),
    },
    reason: e.reason, message: e.message, type: e.type ?? 'Normal', count: 1,
    source: { component: e.component, ...(e.component === 'kubelet' ? { host: cluster.nodeName } : {}) },
    firstTimestamp: at, lastTimestamp: at, reportingComponent: e.component, reportingInstance: e.component === 'kubelet' ? cluster.nodeName : '',
  });
}

// The events of a pod that starts: scheduled, then each container pulled, created and started.
export function recordPodStart(cluster: SimCluster, pod: KubeObject): void {
  const ns = pod.metadata.namespace ?? 'default';
  recordEvent(cluster, { involved: pod, reason: 'Scheduled', component: 'default-scheduler', message: `Successfully assigned ${ns}/${pod.metadata.name} to ${cluster.nodeName}` });
  const containers = [...((pod.spec?.initContainers ?? []) as any[]).map((c) => ['initContainers', c] as const), ...((pod.spec?.containers ?? []) as any[]).map((c) => ['containers', c] as const)];
  for (const [field, c] of containers) {
    const fieldPath = `spec.${field}{${c.name}}`;
    recordEvent(cluster, { involved: pod, reason: 'Pulled', component: 'kubelet', fieldPath, message: `Container image "${c.image}" already present on machine` });
    recordEvent(cluster, { involved: pod, reason: 'Created', component: 'kubelet', fieldPath, message: `Created container: ${c.name}` });
    recordEvent(cluster, { involved: pod, reason: 'Started', component: 'kubelet', fieldPath, message: `Started container ${c.name}` });
  }
}
