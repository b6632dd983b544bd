// Which data plane a pod is in (ambient via ztunnel, an injected sidecar, or none) and who it is (SPIFFE identity).
import { annotationsOf, labelsOf } from './objects.ts';
import type { KubeObject, MeshSettings } from './types.ts';

export type DataplaneMode = 'ambient' | 'sidecar' | 'none';

// One pod as the mesh sees it.
export interface Workload {
  pod: KubeObject;
  namespace: string;
  name: string;
  ip: string | undefined;
  labels: Record<string, string>;
  serviceAccount: string;
  mode: DataplaneMode;
  ready: boolean;
  // Set when the pod is the deployment of a Gateway (a waypoint): the Gateway's name.
  gatewayName: string | undefined;
}

// Whether the injector has already mutated this pod (Istio marks it with sidecar.istio.io/status).
export function hasSidecar(pod: KubeObject): boolean {
  if (annotationsOf(pod)['sidecar.istio.io/status'] !== undefined) return true;
  const containers = (pod.spec?.containers ?? []) as Array<{ name?: string }>;
  const init = (pod.spec?.initContainers ?? []) as Array<{ name?: string }>;
  return containers.some((c) => c.name === 'istio-proxy') || init.some((c) => c.name === 'istio-proxy');
}

// Classify a pod. Istio: manifests/charts/istio-cni/values.yaml (ambient.enablementSelectors) — the pod label
// istio.io/dataplane-mode wins over the namespace's; a sidecar takes precedence over ambient capture.
export function classifyPod(
  pod: KubeObject,
  namespace: KubeObject | undefined,
  settings: MeshSettings,
): DataplaneMode {
  if (hasSidecar(pod)) return 'sidecar';
  if (settings.profile !== 'ambient') return 'none';
  if (pod.spec?.hostNetwork === true) return 'none';
  const podMode = labelsOf(pod)['istio.io/dataplane-mode'];
  if (podMode === 'none') return 'none';
  if (podMode === 'ambient') return 'ambient';
  return labelsOf(namespace)['istio.io/dataplane-mode'] === 'ambient' ? 'ambient' : 'none';
}

// Whether the pod is Running and Ready (or has no conditions yet, but a phase of Running and an IP).
export function isPodReady(pod: KubeObject): boolean {
  if (!pod.status?.podIP) return false;
  if (pod.metadata.deletionTimestamp) return false;
  const phase = pod.status?.phase;
  if (phase !== undefined && phase !== 'Running') return false;
  const conditions = (pod.status?.conditions ?? []) as Array<{ type: string; status: string }>;
  const ready = conditions.find((c) => c.type === 'Ready');
  return ready ? ready.status === 'True' : phase === 'Running';
}

// Build the Workload view of a pod.
export function toWorkload(
  pod: KubeObject,
  namespace: KubeObject | undefined,
  settings: MeshSettings,
): Workload {
  const labels = labelsOf(pod);
  return {
    pod,
    namespace: pod.metadata.namespace ?? 'default',
    name: pod.metadata.name,
    ip: pod.status?.podIP,
    labels,
    serviceAccount: pod.spec?.serviceAccountName ?? pod.spec?.serviceAccount ?? 'default',
    mode: classifyPod(pod, namespace, settings),
    ready: isPodReady(pod),
    gatewayName: labels['gateway.networking.k8s.io/gateway-name'],
  };
}

// The SPIFFE identity without the scheme: <trust domain>/ns/<ns>/sa/<sa>.
// Istio: pkg/spiffe/spiffe.go — identities are spiffe://<td>/ns/<ns>/sa/<sa>; policies write them without spiffe://.
export function principalOf(workload: Workload, settings: MeshSettings): string {
  return `${settings.trustDomain}/ns/${workload.namespace}/sa/${workload.serviceAccount}`;
}

// The namespace part of a principal ("cluster.local/ns/foo/sa/bar" → "foo"), "" when there is none.
export function namespaceOfPrincipal(principal: string | undefined): string {
  if (!principal) return '';
  const m = /\/ns\/([^/]+)\/sa\//.exec(principal);
  return m?.[1] ?? '';
}

// The service account part of a principal, "" when there is none.
export function serviceAccountOfPrincipal(principal: string | undefined): string {
  if (!principal) return '';
  const m = /\/sa\/([^/]+)$/.exec(principal);
  return m?.[1] ?? '';
}
