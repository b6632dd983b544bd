// Which AuthorizationPolicies and RequestAuthentications reach which proxy.
// Istio: pilot/pkg/model/policyattachment.go (ShouldAttachPolicy) — sidecars take namespace, root-namespace and
// selector policies and ignore targetRefs; waypoints take only targetRefs (Gateway, GatewayClass in the root
// namespace, or the Service the traffic is addressed to); ztunnel takes everything without targetRefs.
import { annotationsOf, matchesLabels } from './objects.ts';
import { cached, type Snapshot } from './snapshot.ts';
import type { KubeObject } from './types.ts';
import type { Workload } from './workload.ts';

type PolicyMap = Map<string, KubeObject[]>;

export interface TargetRef {
  group: string;
  kind: string;
  name: string;
}

// The targetRefs of a policy (the deprecated singular targetRef included).
export function targetRefsOf(policy: KubeObject): TargetRef[] {
  const refs = [...((policy.spec?.targetRefs ?? []) as any[])];
  if (policy.spec?.targetRef) refs.push(policy.spec.targetRef);
  return refs.map((r) => ({ group: r.group ?? '', kind: r.kind ?? '', name: r.name ?? '' }));
}

// Whether the policy is bound by targetRefs rather than a selector.
export function hasTargetRefs(policy: KubeObject): boolean {
  return targetRefsOf(policy).length > 0;
}

// Whether the istio.io/dry-run annotation asks for shadow evaluation.
export function isDryRun(policy: KubeObject): boolean {
  return annotationsOf(policy)['istio.io/dry-run']?.toLowerCase() === 'true';
}

function selects(policy: KubeObject, workload: Workload): boolean {
  const selector = policy.spec?.selector;
  if (!selector) return true;
  return matchesLabels(selector.matchLabels ?? {}, workload.labels);
}

function selectorPolicies(snap: Snapshot, map: PolicyMap, workload: Workload): KubeObject[] {
  const root = snap.settings.rootNamespace;
  const out: KubeObject[] = [];
  for (const ns of workload.namespace === root ? [root] : [root, workload.namespace]) {
    for (const p of map.get(ns) ?? []) {
      if (!hasTargetRefs(p) && selects(p, workload)) out.push(p);
    }
  }
  return out;
}

// Policies a workload's sidecar or its destination ztunnel applies (no targetRefs; selector, namespace, root).
export function workloadPolicies(
  snap: Snapshot,
  kind: 'AuthorizationPolicy' | 'RequestAuthentication',
  workload: Workload,
): KubeObject[] {
  const map = kind === 'AuthorizationPolicy' ? snap.authorizationPolicies : snap.requestAuthentications;
  return cached(snap, `${kind}:workload:${workload.namespace}/${workload.name}`, () =>
    selectorPolicies(snap, map, workload),
  );
}

function refersTo(ref: TargetRef, group: string, kind: string, name: string): boolean {
  const g = ref.group === 'core' ? '' : ref.group;
  return g === group && ref.kind === kind && ref.name === name;
}

// Policies the waypoint `gateway` applies to traffic addressed to `service` (undefined for pod-addressed traffic).
export function waypointPolicies(
  snap: Snapshot,
  kind: 'AuthorizationPolicy' | 'RequestAuthentication',
  gateway: KubeObject,
  service: KubeObject | undefined,
): KubeObject[] {
  const map = kind === 'AuthorizationPolicy' ? snap.authorizationPolicies : snap.requestAuthentications;
  const gwNs = gateway.metadata.namespace ?? 'default';
  const svcKey = service ? `${service.metadata.namespace}/${service.metadata.name}` : '-';
  return cached(snap, `${kind}:waypoint:${gwNs}/${gateway.metadata.name}:${svcKey}`, () => {
    const out: KubeObject[] = [];
    const className = gateway.spec?.gatewayClassName ?? '';
    for (const p of map.get(snap.settings.rootNamespace) ?? []) {
      if (targetRefsOf(p).some((r) => refersTo(r, 'gateway.networking.k8s.io', 'GatewayClass', className)))
        out.push(p);
    }
    for (const p of map.get(gwNs) ?? []) {
      if (
        targetRefsOf(p).some((r) =>
          refersTo(r, 'gateway.networking.k8s.io', 'Gateway', gateway.metadata.name),
        )
      ) {
        if (!out.includes(p)) out.push(p);
      }
    }
    if (service) {
      for (const p of map.get(service.metadata.namespace ?? 'default') ?? []) {
        if (
          targetRefsOf(p).some((r) => refersTo(r, '', 'Service', service.metadata.name)) &&
          !out.includes(p)
        )
          out.push(p);
      }
    }
    return out;
  });
}
