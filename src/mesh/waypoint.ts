// Which waypoint, if any, serves traffic addressed to a Service or a pod.
// Istio: pilot/pkg/serviceregistry/kube/controller/ambient/waypoints.go — istio.io/use-waypoint on the object wins
// over the namespace's ("none" opts out); a named waypoint that is missing or not ready means no waypoint (no
// fallback to the namespace's); istio.io/waypoint-for on the Gateway, else its GatewayClass, else "service", decides
// which traffic it accepts; a Gateway is a waypoint only once status.addresses is set.
import { labelsOf, matchesLabelSelector } from './objects.ts';
import type { Snapshot } from './snapshot.ts';
import type { KubeObject } from './types.ts';
import type { Workload } from './workload.ts';

export type WaypointBinding =
  | { kind: 'bound'; gateway: KubeObject; workload: Workload | undefined }
  | { kind: 'none'; reason: string };

// The waypoint-for traffic type of a Gateway ('service' by default).
export function waypointFor(snap: Snapshot, gateway: KubeObject): string {
  const own = labelsOf(gateway)['istio.io/waypoint-for'];
  if (own) return own;
  const cls = snap.gatewayClasses.get(gateway.spec?.gatewayClassName ?? '');
  return labelsOf(cls)['istio.io/waypoint-for'] ?? 'service';
}

// Whether the Gateway is a waypoint with an address (its pod is ready and status.addresses is written).
export function isWaypointReady(gateway: KubeObject): boolean {
  return (
    gateway.spec?.gatewayClassName === 'istio-waypoint' &&
    ((gateway.status?.addresses ?? []) as unknown[]).length > 0
  );
}

// The ready pod running a waypoint Gateway.
export function waypointWorkload(snap: Snapshot, gateway: KubeObject): Workload | undefined {
  const pods = snap.workloadsByNamespace.get(gateway.metadata.namespace ?? 'default') ?? [];
  return pods.find((w) => w.ready && w.gatewayName === gateway.metadata.name);
}

// Whether the waypoint's HBONE listener admits objects of a namespace (allowedRoutes; "Same" by default).
// Istio: pilot/pkg/serviceregistry/kube/controller/ambient/waypoints.go (AllowsAttachmentFromNamespace).
export function allowsAttachment(snap: Snapshot, gateway: KubeObject, namespace: string): boolean {
  const listeners = (gateway.spec?.listeners ?? []) as any[];
  const hbone = listeners.find((l) => l.protocol === 'HBONE' && Number(l.port) === 15008);
  const from = (hbone?.allowedRoutes?.namespaces?.from as string | undefined) ?? 'Same';
  if (from === 'All') return true;
  if (from === 'Selector') {
    const labels = { 'kubernetes.io/metadata.name': namespace, ...labelsOf(snap.namespaces.get(namespace)) };
    return matchesLabelSelector(hbone.allowedRoutes.namespaces.selector ?? {}, labels);
  }
  return (gateway.metadata.namespace ?? 'default') === namespace;
}

// Resolve the waypoint for an object (a Service or a Pod's labels) in a namespace.
export function resolveWaypoint(
  snap: Snapshot,
  target: { labels: Record<string, string>; namespace: string; kind: 'service' | 'workload' },
): WaypointBinding {
  const own = target.labels['istio.io/use-waypoint'];
  const nsLabels = labelsOf(snap.namespaces.get(target.namespace));
  const fromObject = own !== undefined;
  const name = fromObject ? own : nsLabels['istio.io/use-waypoint'];
  if (name === undefined || name === '')
    return { kind: 'none', reason: `no istio.io/use-waypoint label on the ${target.kind} or its namespace` };
  if (name === 'none')
    return {
      kind: 'none',
      reason: `istio.io/use-waypoint=none on the ${fromObject ? target.kind : 'namespace'} opts out`,
    };
  const wpNs = (fromObject ? target.labels : nsLabels)['istio.io/use-waypoint-namespace'] ?? target.namespace;
  const gateway = snap.gateways.get(`${wpNs}/${name}`);
  if (!gateway)
    return {
      kind: 'none',
      reason: `waypoint ${wpNs}/${name} does not exist (a missing waypoint never falls back to another)`,
    };
  if (!isWaypointReady(gateway)) return { kind: 'none', reason: `waypoint "${wpNs}/${name}" is not ready` };
  if (!allowsAttachment(snap, gateway, target.namespace)) {
    return {
      kind: 'none',
      reason: `we are not permitted to attach to waypoint "${wpNs}/${name}" (missing allowedRoutes?)`,
    };
  }
  const forType = waypointFor(snap, gateway);
  if (forType !== 'all' && forType !== target.kind) {
    return {
      kind: 'none',
      reason: `waypoint ${wpNs}/${name} is for ${forType} traffic, not ${target.kind} traffic`,
    };
  }
  return { kind: 'bound', gateway, workload: waypointWorkload(snap, gateway) };
}
