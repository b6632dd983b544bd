// Deployments, ReplicaSets and DaemonSets make pods (pkg/controller/deployment, replicaset,
// daemon): ReplicaSet "<deploy>-<pod-template-hash>", pods "<replicaset>-<5 chars>".
import type { KubeObject } from '../../mesh/types.ts';
import { mutateObject } from '../admission.ts';
import { kindNamed, type SimCluster } from '../cluster.ts';
import { randomSuffix } from '../resources.ts';
import { timestamp } from '../store.ts';
import { recordEvent } from './events.ts';

const SAFE = 'bcdfghjklmnpqrstvwxz2456789';

// pod-template-hash: FNV-32a of the template, its decimal digits mapped to safe characters
// (pkg/controller/controller_utils.go ComputeHash + apimachinery rand.SafeEncodeString).
export function podTemplateHash(template: unknown): string {
  let h = 0x811c9dc5;
  // Key order does not matter, and null is the same as absent (Go hashes the zero value either way).
  const canonical = JSON.stringify(template ?? {}, (_key, value: unknown) => {
    if (value === null) return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) return value;
    return Object.fromEntries(Object.entries(value).sort(([x], [y]) => (x < y ? -1 : 1)));
  });
  for (const byte of Buffer.from(canonical)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return [...String(h)].map((ch) => SAFE[ch.charCodeAt(0) % SAFE.length]).join('');
}

const ownerRef = (owner: KubeObject): Record<string, unknown> => ({
  apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid, controller: true, blockOwnerDeletion: true,
});

const isOwnedBy = (obj: KubeObject, owner: KubeObject): boolean =>
  ((obj.metadata.ownerReferences ?? []) as any[]).some((r) => r.uid === owner.metadata.uid);

const isReady = (pod: KubeObject): boolean =>
  !pod.metadata.deletionTimestamp && ((pod.status?.conditions ?? []) as any[]).some((c) => c.type === 'Ready' && c.status === 'True');

function createPod(cluster: SimCluster, owner: KubeObject, template: any, extraLabels: Record<string, string>): void {
  const pod: KubeObject = {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      name: `${owner.metadata.name}-${randomSuffix(5)}`, generateName: `${owner.metadata.name}-`, namespace: owner.metadata.namespace,
      labels: { ...(template?.metadata?.labels ?? {}), ...extraLabels },
      ...(template?.metadata?.annotations ? { annotations: template.metadata.annotations } : {}),
      ownerReferences: [ownerRef(owner)],
    },
    spec: structuredClone(template?.spec ?? {}),
  };
  cluster.put(mutateObject({ obj: pod, old: undefined, info: kindNamed('', 'Pod'), cluster }));
}

// Keep a set of owned pods at `replicas`; returns the owned pods afterwards.
function scalePods(cluster: SimCluster, owner: KubeObject, replicas: number, template: any, labels: Record<string, string>): KubeObject[] {
  let pods = cluster.list('', 'Pod', owner.metadata.namespace).filter((p) => isOwnedBy(p, owner));
  for (let i = pods.length; i < replicas; i++) createPod(cluster, owner, template, labels);
  for (const extra of pods.slice(replicas)) cluster.remove(extra);
  pods = cluster.list('', 'Pod', owner.metadata.namespace).filter((p) => isOwnedBy(p, owner));
  return pods;
}

function reconcileReplicaSet(cluster: SimCluster, rs: KubeObject): void {
  const before = Number(rs.status?.replicas ?? 0);
  const wanted = Number(rs.spec?.replicas ?? 1);
  const deployment = cluster.list('apps', 'Deployment', rs.metadata.namespace).find((d) => isOwnedBy(rs, d));
  if (deployment && before !== wanted) {
    const verb = wanted > before ? 'up' : 'down';
    recordEvent(cluster, { involved: deployment, reason: 'ScalingReplicaSet', component: 'deployment-controller', message: `Scaled ${verb} replica set ${rs.metadata.name} from ${before} to ${wanted}` });
  }
  const hash = rs.metadata.labels?.['pod-template-hash'];
  const pods = scalePods(cluster, rs, Number(rs.spec?.replicas ?? 1), rs.spec?.template, hash ? { 'pod-template-hash': hash } : {});
  const ready = pods.filter(isReady).length;
  cluster.put({ ...rs, status: { replicas: pods.length, fullyLabeledReplicas: pods.length, readyReplicas: ready, availableReplicas: ready, observedGeneration: rs.metadata.generation ?? 1 } });
}

function deploymentStatus(d: KubeObject, rs: KubeObject, ready: number, at: string): Record<string, unknown> {
  const replicas = Number(d.spec?.replicas ?? 1);
  const available = ready >= replicas;
  const previous = (d.status?.conditions ?? []) as any[];
  const since = (type: string, status: string): string => previous.find((c) => c.type === type && c.status === status)?.lastTransitionTime ?? at;
  return {
    observedGeneration: d.metadata.generation ?? 1, replicas, updatedReplicas: replicas, readyReplicas: ready, availableReplicas: ready,
    ...(ready < replicas ? { unavailableReplicas: replicas - ready } : {}),
    conditions: [
      { type: 'Available', status: available ? 'True' : 'False', lastUpdateTime: since('Available', available ? 'True' : 'False'), lastTransitionTime: since('Available', available ? 'True' : 'False'),
        reason: available ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable', message: available ? 'Deployment has minimum availability.' : 'Deployment does not have minimum availability.' },
      { type: 'Progressing', status: 'True', lastUpdateTime: since('Progressing', 'True'), lastTransitionTime: since('Progressing', 'True'),
        reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${rs.metadata.name}" has successfully progressed.` },
    ],
  };
}

// Stored objects never change, so a Deployment's hash is computed once per version.
const hashes = new WeakMap<KubeObject, string>();

function templateHashOf(d: KubeObject): string {
  let hash = hashes.get(d);
  if (hash === undefined) {
    const { 'pod-template-hash': _hash, ...templateLabels } = (d.spec?.template?.metadata?.labels ?? {}) as Record<string, string>;
    hash = podTemplateHash({ ...d.spec?.template, metadata: { ...d.spec?.template?.metadata, labels: templateLabels } });
    hashes.set(d, hash);
  }
  return hash;
}

function reconcileDeployment(cluster: SimCluster, d: KubeObject): void {
  const hash = templateHashOf(d);
  const name = `${d.metadata.name}-${hash}`;
  const owned = cluster.list('apps', 'ReplicaSet', d.metadata.namespace).filter((rs) => isOwnedBy(rs, d));
  // Old ReplicaSets stay, scaled to zero, as rollout history (revisionHistoryLimit).
  for (const old of owned) {
    if (old.metadata.name === name) continue;
    reconcileReplicaSet(cluster, cluster.put({ ...old, spec: { ...old.spec, replicas: 0 } }));
  }
  const revisions = owned.map((rs) => Number(rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0));
  const template = { ...d.spec?.template, metadata: { ...d.spec?.template?.metadata, labels: { ...(d.spec?.template?.metadata?.labels ?? {}), 'pod-template-hash': hash } } };
  const current = owned.find((rs) => rs.metadata.name === name);
  const rs = cluster.put({
    apiVersion: 'apps/v1', kind: 'ReplicaSet',
    metadata: {
      ...(current?.metadata ?? {}), name, namespace: d.metadata.namespace, labels: template.metadata.labels,
      annotations: {
        'deployment.kubernetes.io/desired-replicas': String(d.spec?.replicas ?? 1), 'deployment.kubernetes.io/max-replicas': String(Number(d.spec?.replicas ?? 1) + 1),
        'deployment.kubernetes.io/revision': current?.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? String(Math.max(0, ...revisions) + 1),
      },
      ownerReferences: [ownerRef(d)], generation: current?.metadata.generation ?? 1,
    },
    spec: { replicas: d.spec?.replicas ?? 1, selector: { matchLabels: { ...(d.spec?.selector?.matchLabels ?? {}), 'pod-template-hash': hash } }, template },
    ...(current?.status ? { status: current.status } : {}),
  });
  reconcileReplicaSet(cluster, rs);
  const ready = Number(cluster.get('apps', 'ReplicaSet', d.metadata.namespace, name)?.status?.readyReplicas ?? 0);
  cluster.put({ ...d, status: deploymentStatus(d, rs, ready, timestamp(cluster.now())) });
}

function reconcileDaemonSet(cluster: SimCluster, ds: KubeObject): void {
  const pods = scalePods(cluster, ds, 1, ds.spec?.template, { 'controller-revision-hash': podTemplateHash(ds.spec?.template).slice(0, 10) });
  const ready = pods.filter(isReady).length;
  cluster.put({ ...ds, status: { currentNumberScheduled: 1, desiredNumberScheduled: 1, numberMisscheduled: 0, numberReady: ready, numberAvailable: ready, updatedNumberScheduled: 1, observedGeneration: ds.metadata.generation ?? 1 } });
}

// Run the Deployment, ReplicaSet and DaemonSet controllers once.
export function runWorkloadControllers(cluster: SimCluster): void {
  for (const d of cluster.list('apps', 'Deployment')) reconcileDeployment(cluster, d);
  for (const rs of cluster.list('apps', 'ReplicaSet')) {
    if (!((rs.metadata.ownerReferences ?? []) as any[]).some((r) => r.kind === 'Deployment')) reconcileReplicaSet(cluster, rs);
  }
  for (const ds of cluster.list('apps', 'DaemonSet')) reconcileDaemonSet(cluster, ds);
}

// The garbage collector: objects whose owners are all gone are deleted (background propagation).
export function runGarbageCollector(cluster: SimCluster): void {
  const all = cluster.objects();
  const uids = new Set(all.map((o) => o.metadata.uid));
  for (const obj of all) {
    const refs = (obj.metadata.ownerReferences ?? []) as any[];
    if (refs.length > 0 && refs.every((r) => !uids.has(r.uid))) cluster.remove(obj);
  }
}
