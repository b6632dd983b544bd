// istiod's status writer for ambient (Istio: pilot/pkg/model/service.go, status written when
// AMBIENT_ENABLE_STATUS=true): policies and Services carry the conditions the mesh engine
// computes from every object, recomputed after each change.
import type { KubeObject, StatusCondition } from '../../mesh/types.ts';
import type { SimCluster } from '../cluster.ts';
import { sameJson } from '../server-side-apply.ts';
import { timestamp } from '../store.ts';

const POLICY_KINDS = new Set(['AuthorizationPolicy', 'PeerAuthentication', 'RequestAuthentication']);

function withTimes(conditions: StatusCondition[], previous: any[], at: string): StatusCondition[] {
  return conditions.map((c) => {
    const before = previous.find((p) => p.type === c.type && p.status === c.status);
    return { ...c, lastTransitionTime: c.lastTransitionTime ?? before?.lastTransitionTime ?? at };
  });
}

function targets(cluster: SimCluster): KubeObject[] {
  return [
    ...cluster.list('security.istio.io', 'AuthorizationPolicy'),
    ...cluster.list('security.istio.io', 'PeerAuthentication'),
    ...cluster.list('security.istio.io', 'RequestAuthentication'),
    ...cluster.list('', 'Service'),
  ];
}

// The store's change count when the statuses were last computed: nothing else changed since, skip.
const computedAt = new WeakMap<SimCluster, number>();

// Recompute the Istio status conditions of policies and Services.
export function runPolicyStatus(cluster: SimCluster): void {
  if (computedAt.get(cluster) === cluster.store.changeCount()) return;
  writeConditions(cluster);
  computedAt.set(cluster, cluster.store.changeCount());
}

function writeConditions(cluster: SimCluster): void {
  const objects = cluster.objects();
  const at = timestamp(cluster.now());
  for (const obj of targets(cluster)) {
    const computed = cluster.mesh.policyConditions(obj, objects, cluster.settings);
    if (computed === undefined) continue;
    const previous = (obj.status?.conditions ?? []) as any[];
    const istioTypes = new Set(computed.map((c) => c.type));
    const kept = POLICY_KINDS.has(obj.kind) ? [] : previous.filter((c) => !String(c.type).startsWith('istio.io/') && !istioTypes.has(c.type));
    const conditions = [...kept, ...withTimes(computed, previous, at)];
    const strip = (list: any[]): unknown => list.map(({ lastTransitionTime: _t, ...rest }) => rest);
    if (sameJson(strip(previous), strip(conditions))) continue;
    const status = { ...(obj.status ?? {}) };
    if (conditions.length > 0) status.conditions = conditions;
    else delete status.conditions;
    cluster.put({ ...obj, status });
  }
}
