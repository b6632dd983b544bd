// Endpoints and EndpointSlices of Services with a selector: the ready pods that match it
// (pkg/controller/endpoint, pkg/controller/endpointslice).
import type { KubeObject } from '../../mesh/types.ts';
import type { SimCluster } from '../cluster.ts';
import { matchesRequirements } from '../selectors.ts';
import { podTemplateHash } from './workloads.ts';

const TRIGGER = 'endpoints.kubernetes.io/last-change-trigger-time';

const isReady = (pod: KubeObject): boolean =>
  !pod.metadata.deletionTimestamp && ((pod.status?.conditions ?? []) as any[]).some((c) => c.type === 'Ready' && c.status === 'True');

function targetPortOf(port: any, pod: KubeObject): number | undefined {
  const target = port.targetPort ?? port.port;
  if (typeof target === 'number') return target;
  for (const c of (pod.spec?.containers ?? []) as any[]) {
    const found = ((c.ports ?? []) as any[]).find((p) => p.name === target);
    if (found) return Number(found.containerPort);
  }
  return /^\d+$/.test(String(target)) ? Number(target) : undefined;
}

function endpointsOf(svc: KubeObject, pods: KubeObject[], previous: KubeObject | undefined, at: string): KubeObject {
  const ports = ((svc.spec?.ports ?? []) as any[]).map((p) => ({
    ...(p.name ? { name: p.name } : {}), port: pods[0] ? targetPortOf(p, pods[0]) : p.port, protocol: p.protocol ?? 'TCP', ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}),
  }));
  const addresses = pods.map((p) => ({ ip: p.status.podIP, nodeName: p.spec?.nodeName, targetRef: { kind: 'Pod', namespace: p.metadata.namespace, name: p.metadata.name, uid: p.metadata.uid } }));
  return {
    apiVersion: 'v1', kind: 'Endpoints',
    metadata: { name: svc.metadata.name, namespace: svc.metadata.namespace, labels: { ...(svc.metadata.labels ?? {}) }, annotations: { [TRIGGER]: previous?.metadata.annotations?.[TRIGGER] ?? at } },
    ...(addresses.length > 0 ? { subsets: [{ addresses, ports }] } : {}),
  };
}

function sliceOf(svc: KubeObject, pods: KubeObject[]): KubeObject {
  const ports = ((svc.spec?.ports ?? []) as any[]).map((p) => ({ name: p.name ?? '', port: pods[0] ? targetPortOf(p, pods[0]) : p.port, protocol: p.protocol ?? 'TCP', ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}) }));
  return {
    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
    metadata: {
      name: `${svc.metadata.name}-${podTemplateHash(svc.metadata.uid).slice(0, 5)}`, namespace: svc.metadata.namespace,
      labels: { ...(svc.metadata.labels ?? {}), 'kubernetes.io/service-name': svc.metadata.name, 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: svc.metadata.name, uid: svc.metadata.uid, controller: true, blockOwnerDeletion: true }],
    },
    addressType: 'IPv4',
    endpoints: pods.map((p) => ({
      addresses: [p.status.podIP], conditions: { ready: true, serving: true, terminating: false }, nodeName: p.spec?.nodeName,
      targetRef: { kind: 'Pod', namespace: p.metadata.namespace, name: p.metadata.name, uid: p.metadata.uid },
    })),
    ports,
  };
}

// Recompute the Endpoints and EndpointSlice of every Service with a selector.
export function runEndpointsController(cluster: SimCluster): void {
  const services = cluster.list('', 'Service');
  const at = new Date(cluster.now()).toISOString().replace(/\.\d+Z$/, 'Z');
  for (const svc of services) {
    const selector = svc.spec?.selector as Record<string, string> | undefined;
    if (!selector || Object.keys(selector).length === 0) continue;
    const reqs = Object.entries(selector).map(([key, v]) => ({ key, op: '=' as const, values: [v] }));
    const pods = cluster.list('', 'Pod', svc.metadata.namespace).filter((p) => isReady(p) && p.status?.podIP && matchesRequirements(p.metadata.labels, reqs));
    const previous = cluster.get('', 'Endpoints', svc.metadata.namespace, svc.metadata.name);
    cluster.put(endpointsOf(svc, pods, previous, at));
    cluster.put(sliceOf(svc, pods));
  }
  for (const ep of cluster.list('', 'Endpoints')) {
    if (ep.metadata.annotations?.[TRIGGER] && !services.some((s) => s.metadata.namespace === ep.metadata.namespace && s.metadata.name === ep.metadata.name)) cluster.remove(ep);
  }
}
