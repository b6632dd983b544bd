// istio-cni's node agent: once it has set up redirection to ztunnel for a pod that ambient captures,
// it marks the pod with ambient.istio.io/redirection: enabled, and removes the mark when the pod
// leaves ambient (Istio: cni/pkg/util/podutil.go AnnotateEnrolledPod/AnnotateUnenrollPod,
// pkg/config/constants AmbientRedirectionEnabled). Which pods it captures follows the enablement
// selectors: the pod's or namespace's istio.io/dataplane-mode, never sidecar pods or ztunnel itself.
import type { KubeObject } from '../../mesh/types.ts';
import type { SimCluster } from '../cluster.ts';

export const AMBIENT_REDIRECTION = 'ambient.istio.io/redirection';

function isCaptured(cluster: SimCluster, pod: KubeObject): boolean {
  if (pod.metadata.namespace === 'istio-system' && pod.metadata.labels?.app === 'ztunnel') return false;
  const namespace = cluster.get('', 'Namespace', undefined, pod.metadata.namespace ?? 'default');
  return cluster.mesh.classifyPod(pod, namespace, cluster.settings) === 'ambient';
}

// Annotate the running pods ambient captures, and unannotate the others.
export function runAmbientCni(cluster: SimCluster): void {
  for (const pod of cluster.list('', 'Pod')) {
    if (!pod.status?.podIP || pod.metadata.deletionTimestamp) continue;
    const { [AMBIENT_REDIRECTION]: marked, ...others } = pod.metadata.annotations ?? {};
    const captured = isCaptured(cluster, pod);
    if (captured === (marked === 'enabled')) continue;
    const annotations = captured ? { ...others, [AMBIENT_REDIRECTION]: 'enabled' } : others;
    const { annotations: _old, ...metadata } = pod.metadata;
    cluster.put({ ...pod, metadata: Object.keys(annotations).length > 0 ? { ...metadata, annotations } : metadata });
  }
}
