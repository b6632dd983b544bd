// The objects of one cluster, indexed once: pods by IP, services by name and cluster IP, policies by namespace.
import { groupOf, keyOf } from './objects.ts';
import type { KubeObject, MeshSettings } from './types.ts';
import { toWorkload, type Workload } from './workload.ts';

// Everything the engine reads, indexed for constant-time lookups on the request path.
export interface Snapshot {
  settings: MeshSettings;
  namespaces: Map<string, KubeObject>;
  workloads: Map<string, Workload>; // ns/name
  workloadsByName: Map<string, Map<string, Workload>>; // ns → name → the same entries as `workloads`
  workloadsByNamespace: Map<string, Workload[]>;
  workloadsByIp: Map<string, Workload>;
  services: Map<string, KubeObject>; // ns/name
  servicesByIp: Map<string, KubeObject>;
  gateways: Map<string, KubeObject>; // ns/name
  gatewayClasses: Map<string, KubeObject>;
  authorizationPolicies: Map<string, KubeObject[]>; // by namespace, sorted by name
  peerAuthentications: Map<string, KubeObject[]>;
  requestAuthentications: Map<string, KubeObject[]>;
  networkPolicies: Map<string, KubeObject[]>;
  // Per-destination caches filled lazily (policies attached to a workload never change within a snapshot).
  cache: Map<string, unknown>;
  // The hottest of them, keyed table → owner → name → key in nested maps (no key string is built per lookup).
  tables: Map<string, Map<string, Map<string, Map<unknown, unknown>>>>;
  tablesSize: number;
}

function push(map: Map<string, KubeObject[]>, ns: string, obj: KubeObject): void {
  const list = map.get(ns);
  if (list) list.push(obj);
  else map.set(ns, [obj]);
}

function compareKeys(a: KubeObject, b: KubeObject): number {
  const ka = `${a.kind}/${keyOf(a)}`;
  const kb = `${b.kind}/${keyOf(b)}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

// Index the objects; their order in the input never matters (lists are sorted by kind/namespace/name).
export function indexObjects(objects: readonly KubeObject[], settings: MeshSettings): Snapshot {
  const sorted = [...objects].sort(compareKeys);
  const snap: Snapshot = {
    settings,
    namespaces: new Map(),
    workloads: new Map(),
    workloadsByName: new Map(),
    workloadsByNamespace: new Map(),
    workloadsByIp: new Map(),
    services: new Map(),
    servicesByIp: new Map(),
    gateways: new Map(),
    gatewayClasses: new Map(),
    authorizationPolicies: new Map(),
    peerAuthentications: new Map(),
    requestAuthentications: new Map(),
    networkPolicies: new Map(),
    cache: new Map(),
    tables: new Map(),
    tablesSize: 0,
  };
  for (const obj of sorted) if (obj.kind === 'Namespace') snap.namespaces.set(obj.metadata.name, obj);
  for (const obj of sorted) indexOne(snap, obj);
  return snap;
}

function indexOne(snap: Snapshot, obj: KubeObject): void {
  const ns = obj.metadata.namespace ?? 'default';
  const group = groupOf(obj);
  switch (obj.kind) {
    case 'Pod': {
      const w = toWorkload(obj, snap.namespaces.get(ns), snap.settings);
      snap.workloads.set(`${ns}/${w.name}`, w);
      child(snap.workloadsByName, ns, () => new Map<string, Workload>()).set(w.name, w);
      const list = snap.workloadsByNamespace.get(ns);
      if (list) list.push(w);
      else snap.workloadsByNamespace.set(ns, [w]);
      if (w.ip && !obj.spec?.hostNetwork) snap.workloadsByIp.set(w.ip, w);
      return;
    }
    case 'Service':
      snap.services.set(`${ns}/${obj.metadata.name}`, obj);
      for (const ip of clusterIpsOf(obj)) snap.servicesByIp.set(ip, obj);
      return;
    case 'Gateway':
      if (group === 'gateway.networking.k8s.io') snap.gateways.set(`${ns}/${obj.metadata.name}`, obj);
      return;
    case 'GatewayClass':
      if (group === 'gateway.networking.k8s.io') snap.gatewayClasses.set(obj.metadata.name, obj);
      return;
    case 'AuthorizationPolicy':
      if (group === 'security.istio.io') push(snap.authorizationPolicies, ns, obj);
      return;
    case 'PeerAuthentication':
      if (group === 'security.istio.io') push(snap.peerAuthentications, ns, obj);
      return;
    case 'RequestAuthentication':
      if (group === 'security.istio.io') push(snap.requestAuthentications, ns, obj);
      return;
    case 'NetworkPolicy':
      if (group === 'networking.k8s.io') push(snap.networkPolicies, ns, obj);
      return;
    default:
      return;
  }
}

// The cluster IPs of a Service (none for headless services).
export function clusterIpsOf(svc: KubeObject): string[] {
  const ips =
    (svc.spec?.clusterIPs as string[] | undefined) ??
    (svc.spec?.clusterIP ? [svc.spec.clusterIP as string] : []);
  return ips.filter((ip) => ip && ip !== 'None');
}

const CACHE_LIMIT = 200_000;

// A value computed once per snapshot under a key (the cache is dropped whole if it ever grows past 200k entries).
export function cached<T>(snap: Snapshot, key: string, compute: () => T): T {
  if (snap.cache.has(key)) return snap.cache.get(key) as T;
  if (snap.cache.size + snap.tablesSize >= CACHE_LIMIT) dropCaches(snap);
  const value = compute();
  snap.cache.set(key, value);
  return value;
}

function dropCaches(snap: Snapshot): void {
  snap.cache.clear();
  snap.tables.clear();
  snap.tablesSize = 0;
}

function child<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let next = map.get(key);
  if (next === undefined) {
    next = create();
    map.set(key, next);
  }
  return next;
}

// Like `cached`, for a key made of a table name, an owner and a name (strings the objects already hold: a
// namespace and a pod or Service name) and one more part; same limit, counted with `cached`'s entries.
export function cachedIn<T>(
  snap: Snapshot,
  key: { table: string; owner: string; name: string; part: unknown },
  compute: () => T,
): T {
  const byOwner = child(snap.tables, key.table, () => new Map());
  const byName = child(byOwner, key.owner, () => new Map());
  const values = child(byName, key.name, () => new Map());
  const hit = values.get(key.part);
  if (hit !== undefined || values.has(key.part)) return hit as T;
  if (snap.cache.size + snap.tablesSize >= CACHE_LIMIT) {
    dropCaches(snap);
    return cachedIn(snap, key, compute);
  }
  const value = compute();
  values.set(key.part, value);
  snap.tablesSize += 1;
  return value;
}
