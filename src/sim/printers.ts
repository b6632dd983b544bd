// The server-side Table columns of the built-in kinds (pkg/printers/internalversion/printers.go).
import type { KubeObject } from '../mesh/types.ts';
import { ageOf } from './age.ts';

export interface ColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

export interface Printer {
  columns: ColumnDefinition[];
  cells(obj: KubeObject, now: number): unknown[];
}

const col = (name: string, type = 'string', priority = 0): ColumnDefinition => ({
  name, type, format: name === 'Name' ? 'name' : '', description: '', priority,
});
const none = (v: unknown): string => (v === undefined || v === null || v === '' ? '<none>' : scalarText(v));
function scalarText(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
}
const byKey = ([a]: [string, string], [b]: [string, string]): number => (a < b ? -1 : a > b ? 1 : 0);
const selectorText = (sel: Record<string, string> | undefined): string => (sel && Object.keys(sel).length > 0 ? Object.entries(sel).sort(byKey).map(([k, v]) => `${k}=${v}`).join(',') : '<none>');
const labelSelectorText = (sel: any): string => {
  const parts = Object.entries((sel?.matchLabels ?? {}) as Record<string, string>).sort(byKey).map(([k, v]) => `${k}=${v}`);
  for (const e of (sel?.matchExpressions ?? []) as any[]) parts.push(`${e.key} ${String(e.operator).toLowerCase()} (${(e.values ?? []).join(',')})`);
  return parts.length > 0 ? parts.join(',') : '<none>';
};
const containersOf = (spec: any): string => ((spec?.containers ?? []) as any[]).map((c) => c.name).join(',');
const imagesOf = (spec: any): string => ((spec?.containers ?? []) as any[]).map((c) => c.image).join(',');

function podCells(pod: KubeObject, now: number): unknown[] {
  const statuses = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? []).filter((s: any) => (pod.spec?.initContainers ?? []).some((c: any) => c.name === s.name && c.restartPolicy === 'Always'))] as any[];
  const sidecars = ((pod.spec?.initContainers ?? []) as any[]).filter((c) => c.restartPolicy === 'Always').length;
  const total = (pod.spec?.containers?.length ?? 0) + sidecars;
  const ready = statuses.filter((s) => s.ready).length;
  const restarts = statuses.reduce((n, s) => n + Number(s.restartCount ?? 0), 0);
  const terminated = ((pod.status?.containerStatuses ?? []) as any[]).find((s) => s.state?.terminated)?.state.terminated;
  const phase = pod.metadata.deletionTimestamp ? 'Terminating'
    : pod.status?.reason ?? (pod.status?.phase === 'Running' && terminated ? terminated.reason : pod.status?.phase === 'Succeeded' ? 'Completed' : pod.status?.phase === 'Failed' ? (terminated?.reason ?? 'Error') : pod.status?.phase) ?? 'Pending';
  return [pod.metadata.name, `${ready}/${total}`, phase, String(restarts), ageOf(pod.metadata.creationTimestamp, now),
    none(pod.status?.podIP), none(pod.spec?.nodeName), '<none>', '<none>'];
}

function servicePorts(svc: KubeObject): string {
  const ports = (svc.spec?.ports ?? []) as any[];
  if (ports.length === 0) return '<none>';
  return ports.map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`)).join(',');
}

function externalIp(svc: KubeObject): string {
  const ingress = ((svc.status?.loadBalancer?.ingress ?? []) as any[]).map((i) => i.ip ?? i.hostname);
  if (svc.spec?.type === 'LoadBalancer') return ingress.length > 0 ? ingress.join(',') : '<pending>';
  if (svc.spec?.type === 'ExternalName') return svc.spec.externalName ?? '<none>';
  return (svc.spec?.externalIPs ?? []).length > 0 ? svc.spec.externalIPs.join(',') : '<none>';
}

function endpointsText(ep: KubeObject): string {
  const list = ((ep as any).subsets ?? []).flatMap((s: any) => (s.addresses ?? []).flatMap((a: any) => (s.ports ?? [{}]).map((p: any) => (p.port ? `${a.ip}:${p.port}` : a.ip))));
  if (list.length === 0) return '<none>';
  return list.length > 3 ? `${list.slice(0, 3).join(',')} + ${list.length - 3} more...` : list.join(',');
}

const age = col('Age');

// "cpu: 0/1, pods: 2/10" for requests, the same for limits.* keys (sorted, used/hard).
function quotaUsage(quota: KubeObject): [string, string] {
  const hard = Object.entries((quota.spec?.hard ?? {}) as Record<string, string>).sort(byKey);
  const used = (quota.status?.used ?? {}) as Record<string, string>;
  const text = (entries: Array<[string, string]>): string => entries.map(([k, v]) => `${k}: ${used[k] ?? '0'}/${v}`).join(', ');
  return [text(hard.filter(([k]) => !k.startsWith('limits.'))), text(hard.filter(([k]) => k.startsWith('limits.')))];
}

export const PRINTERS: Record<string, Printer> = {
  '/Namespace': { columns: [col('Name'), col('Status'), age], cells: (o, now) => [o.metadata.name, o.status?.phase ?? 'Active', ageOf(o.metadata.creationTimestamp, now)] },
  '/Pod': {
    columns: [col('Name'), col('Ready'), col('Status'), col('Restarts'), age, col('IP', 'string', 1), col('Node', 'string', 1), col('Nominated Node', 'string', 1), col('Readiness Gates', 'string', 1)],
    cells: podCells,
  },
  '/Service': {
    columns: [col('Name'), col('Type'), col('Cluster-IP'), col('External-IP'), col('Port(s)'), age, col('Selector', 'string', 1)],
    cells: (o, now) => [o.metadata.name, o.spec?.type ?? 'ClusterIP', none(o.spec?.clusterIP), externalIp(o), servicePorts(o), ageOf(o.metadata.creationTimestamp, now), selectorText(o.spec?.selector)],
  },
  '/Endpoints': { columns: [col('Name'), col('Endpoints'), age], cells: (o, now) => [o.metadata.name, endpointsText(o), ageOf(o.metadata.creationTimestamp, now)] },
  '/ServiceAccount': { columns: [col('Name'), col('Secrets', 'integer'), age], cells: (o, now) => [o.metadata.name, ((o as any).secrets ?? []).length, ageOf(o.metadata.creationTimestamp, now)] },
  '/ConfigMap': { columns: [col('Name'), col('Data', 'integer'), age], cells: (o, now) => [o.metadata.name, Object.keys((o as any).data ?? {}).length + Object.keys((o as any).binaryData ?? {}).length, ageOf(o.metadata.creationTimestamp, now)] },
  '/Secret': { columns: [col('Name'), col('Type'), col('Data', 'integer'), age], cells: (o, now) => [o.metadata.name, (o as any).type ?? 'Opaque', Object.keys((o as any).data ?? {}).length, ageOf(o.metadata.creationTimestamp, now)] },
  // pkg/printers/internalversion/printers.go printResourceQuota, printLimitRange.
  '/ResourceQuota': { columns: [col('Name'), age, col('Request'), col('Limit')], cells: (o, now) => [o.metadata.name, ageOf(o.metadata.creationTimestamp, now), ...quotaUsage(o)] },
  '/LimitRange': { columns: [col('Name'), col('Created At', 'date')], cells: (o) => [o.metadata.name, o.metadata.creationTimestamp] },
  '/Node': {
    columns: [col('Name'), col('Status'), col('Roles'), age, col('Version'), col('Internal-IP', 'string', 1), col('External-IP', 'string', 1), col('OS-Image', 'string', 1), col('Kernel-Version', 'string', 1), col('Container-Runtime', 'string', 1)],
    cells: (o, now) => [o.metadata.name, 'Ready', 'control-plane', ageOf(o.metadata.creationTimestamp, now), o.status?.nodeInfo?.kubeletVersion ?? '',
      ((o.status?.addresses ?? []) as any[]).find((a) => a.type === 'InternalIP')?.address ?? '<none>', '<none>', o.status?.nodeInfo?.osImage ?? '', o.status?.nodeInfo?.kernelVersion ?? '', o.status?.nodeInfo?.containerRuntimeVersion ?? ''],
  },
  '/Event': {
    columns: [col('Last Seen'), col('Type'), col('Reason'), col('Object'), col('Subobject', 'string', 1), col('Source', 'string', 1), col('Message'), col('First Seen', 'string', 1), col('Count', 'integer', 1), col('Name', 'string', 1)],
    cells: (o: any, now) => [ageOf(o.lastTimestamp, now), o.type, o.reason, `${String(o.involvedObject?.kind ?? '').toLowerCase()}/${o.involvedObject?.name ?? ''}`, o.involvedObject?.fieldPath ?? '',
      [o.source?.component, o.source?.host].filter(Boolean).join(', '), o.message, ageOf(o.firstTimestamp, now), o.count ?? 1, o.metadata.name],
  },
  'apps/Deployment': {
    columns: [col('Name'), col('Ready'), col('Up-to-date', 'integer'), col('Available', 'integer'), age, col('Containers', 'string', 1), col('Images', 'string', 1), col('Selector', 'string', 1)],
    cells: (o, now) => [o.metadata.name, `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 0}`, o.status?.updatedReplicas ?? 0, o.status?.availableReplicas ?? 0, ageOf(o.metadata.creationTimestamp, now), containersOf(o.spec?.template?.spec), imagesOf(o.spec?.template?.spec), labelSelectorText(o.spec?.selector)],
  },
  'apps/ReplicaSet': {
    columns: [col('Name'), col('Desired', 'integer'), col('Current', 'integer'), col('Ready', 'integer'), age, col('Containers', 'string', 1), col('Images', 'string', 1), col('Selector', 'string', 1)],
    cells: (o, now) => [o.metadata.name, o.spec?.replicas ?? 0, o.status?.replicas ?? 0, o.status?.readyReplicas ?? 0, ageOf(o.metadata.creationTimestamp, now), containersOf(o.spec?.template?.spec), imagesOf(o.spec?.template?.spec), labelSelectorText(o.spec?.selector)],
  },
  'apps/DaemonSet': {
    columns: [col('Name'), col('Desired', 'integer'), col('Current', 'integer'), col('Ready', 'integer'), col('Up-to-date', 'integer'), col('Available', 'integer'), col('Node Selector'), age, col('Containers', 'string', 1), col('Images', 'string', 1), col('Selector', 'string', 1)],
    cells: (o, now) => [o.metadata.name, o.status?.desiredNumberScheduled ?? 0, o.status?.currentNumberScheduled ?? 0, o.status?.numberReady ?? 0, o.status?.updatedNumberScheduled ?? 0, o.status?.numberAvailable ?? 0, selectorText(o.spec?.template?.spec?.nodeSelector), ageOf(o.metadata.creationTimestamp, now), containersOf(o.spec?.template?.spec), imagesOf(o.spec?.template?.spec), labelSelectorText(o.spec?.selector)],
  },
  'discovery.k8s.io/EndpointSlice': {
    columns: [col('Name'), col('AddressType'), col('Ports'), col('Endpoints'), age],
    cells: (o, now) => {
      const ports = ((o as any).ports ?? []).map((p: any) => p.port).join(',') || '<unset>';
      const addrs = ((o as any).endpoints ?? []).flatMap((e: any) => e.addresses ?? []);
      return [o.metadata.name, (o as any).addressType ?? 'IPv4', ports, addrs.length > 0 ? addrs.slice(0, 3).join(',') + (addrs.length > 3 ? ` + ${addrs.length - 3} more...` : '') : '<unset>', ageOf(o.metadata.creationTimestamp, now)];
    },
  },
  'networking.k8s.io/NetworkPolicy': { columns: [col('Name'), col('Pod-Selector'), age], cells: (o, now) => [o.metadata.name, labelSelectorText(o.spec?.podSelector) === '<none>' ? '<none>' : labelSelectorText(o.spec?.podSelector), ageOf(o.metadata.creationTimestamp, now)] },
  'apiextensions.k8s.io/CustomResourceDefinition': { columns: [col('Name'), col('Created At', 'date')], cells: (o) => [o.metadata.name, o.metadata.creationTimestamp] },
};
