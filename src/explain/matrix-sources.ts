// The columns of the matrix: the lab's namespaces and one client pod per workload in them.
import type { LoadedLab } from '../lab/index.ts';
import type { KubeObject, MeshSettings } from '../mesh/index.ts';

export const GATEWAY_LABEL = 'gateway.networking.k8s.io/gateway-name';

// The namespaces a lab's manifests create or put objects in, without Istio's root namespace.
export function labNamespaces(lab: LoadedLab, settings: MeshSettings): Set<string> {
  const names = new Set<string>();
  for (const docs of lab.manifests.values()) {
    for (const d of docs)
      names.add(
        d.object.kind === 'Namespace' ? d.object.metadata.name : (d.object.metadata.namespace ?? 'default'),
      );
  }
  names.delete(settings.rootNamespace);
  return names;
}

// The workload a pod belongs to: its Deployment (ReplicaSet name without the template hash), else the pod.
function workloadOf(pod: KubeObject): string {
  const owner = ((pod.metadata.ownerReferences ?? []) as Array<{ kind: string; name: string }>).find(
    (o) => o.kind === 'ReplicaSet',
  );
  const hash = pod.metadata.labels?.['pod-template-hash'];
  if (owner && hash && owner.name.endsWith(`-${hash}`)) return owner.name.slice(0, -hash.length - 1);
  return owner?.name ?? pod.metadata.name;
}

// One running pod per client workload (no waypoints or gateways): "ns/workload" → pod.
export function pickSources(
  objects: readonly KubeObject[],
  namespaces: ReadonlySet<string>,
): Map<string, KubeObject> {
  const pods = objects
    .filter(
      (o) => o.kind === 'Pod' && namespaces.has(o.metadata.namespace ?? '') && o.status?.phase === 'Running',
    )
    .filter((o) => o.metadata.labels?.[GATEWAY_LABEL] === undefined)
    .sort((a, b) =>
      `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(
        `${b.metadata.namespace}/${b.metadata.name}`,
      ),
    );
  const sources = new Map<string, KubeObject>();
  for (const pod of pods) {
    const key = `${pod.metadata.namespace}/${workloadOf(pod)}`;
    if (!sources.has(key)) sources.set(key, pod);
  }
  return new Map([...sources].sort(([a], [b]) => a.localeCompare(b)));
}
