// Defaulting the API server and its admission plugins apply on create and update
// (pkg/apis/core/v1/defaults.go, pkg/apis/apps/v1/defaults.go, the service IP allocator).
import type { KubeObject } from '../mesh/types.ts';
import type { SimCluster } from './cluster.ts';
import { sameJson } from './server-side-apply.ts';

function defaultContainer(c: any): any {
  return {
    ...c,
    imagePullPolicy: c.imagePullPolicy ?? (String(c.image ?? '').endsWith(':latest') || !String(c.image ?? '').includes(':') ? 'Always' : 'IfNotPresent'),
    terminationMessagePath: c.terminationMessagePath ?? '/dev/termination-log',
    terminationMessagePolicy: c.terminationMessagePolicy ?? 'File',
    resources: c.resources ?? {},
    ...(Array.isArray(c.ports) ? { ports: c.ports.map((p: any) => ({ ...p, protocol: p.protocol ?? 'TCP' })) } : {}),
  };
}

// Pod spec defaults (also used for Deployment templates).
export function defaultPodSpec(spec: any): any {
  return {
    ...spec,
    containers: Array.isArray(spec?.containers) ? spec.containers.map(defaultContainer) : spec?.containers,
    ...(Array.isArray(spec?.initContainers) ? { initContainers: spec.initContainers.map(defaultContainer) } : {}),
    restartPolicy: spec?.restartPolicy ?? 'Always',
    terminationGracePeriodSeconds: spec?.terminationGracePeriodSeconds ?? 30,
    dnsPolicy: spec?.dnsPolicy ?? 'ClusterFirst',
    serviceAccountName: spec?.serviceAccountName ?? spec?.serviceAccount ?? 'default',
    serviceAccount: spec?.serviceAccountName ?? spec?.serviceAccount ?? 'default',
    securityContext: spec?.securityContext ?? {},
    schedulerName: spec?.schedulerName ?? 'default-scheduler',
    enableServiceLinks: spec?.enableServiceLinks ?? true,
    preemptionPolicy: spec?.preemptionPolicy ?? 'PreemptLowerPriority',
    priority: spec?.priority ?? 0,
  };
}

// The cluster IPs of a Service being written. An update that leaves clusterIP out keeps the
// allocated one; one that changes clusterIP but not clusterIPs moves clusterIPs along, so that
// validation refuses the change (pkg/registry/core/service/strategy.go NormalizeClusterIPs,
// storage/storage.go patchAllocatedValues).
function clusterIpsOf(spec: any, old: KubeObject | undefined, cluster: SimCluster): { ip: string; ips: string[] } {
  const oldIp = old?.spec?.clusterIP as string | undefined;
  const oldIps = (old?.spec?.clusterIPs ?? (oldIp ? [oldIp] : undefined)) as string[] | undefined;
  const asked = typeof spec.clusterIP === 'string' && spec.clusterIP !== '' ? spec.clusterIP as string : undefined;
  const askedIps = Array.isArray(spec.clusterIPs) && spec.clusterIPs.length > 0 ? spec.clusterIPs as string[] : undefined;
  if (asked === undefined) {
    if (oldIp) return { ip: oldIp, ips: oldIps ?? [oldIp] };
    const ip = askedIps?.[0] ?? cluster.allocateServiceIp();
    return { ip, ips: askedIps ?? [ip] };
  }
  if (oldIp !== undefined && asked !== oldIp && (askedIps === undefined || sameJson(askedIps, oldIps))) return { ip: asked, ips: [asked] };
  return { ip: asked, ips: askedIps ?? [asked] };
}

function defaultService(svc: KubeObject, old: KubeObject | undefined, cluster: SimCluster): KubeObject {
  const spec = { ...(svc.spec ?? {}) };
  const type = spec.type ?? 'ClusterIP';
  const { ip, ips } = clusterIpsOf(spec, old, cluster);
  const ports = Array.isArray(spec.ports) ? spec.ports.map((p: any) => ({ ...p, protocol: p.protocol ?? 'TCP', targetPort: p.targetPort ?? p.port })) : spec.ports;
  return {
    ...svc,
    spec: {
      ...spec, type, clusterIP: ip, clusterIPs: ips, ports,
      sessionAffinity: spec.sessionAffinity ?? 'None',
      ipFamilies: spec.ipFamilies ?? ['IPv4'],
      ipFamilyPolicy: spec.ipFamilyPolicy ?? 'SingleStack',
      internalTrafficPolicy: spec.internalTrafficPolicy ?? 'Cluster',
    },
    status: svc.status ?? { loadBalancer: {} },
  };
}

function defaultDeployment(d: KubeObject): KubeObject {
  const spec = d.spec ?? {};
  return {
    ...d,
    spec: {
      ...spec,
      replicas: spec.replicas ?? 1,
      revisionHistoryLimit: spec.revisionHistoryLimit ?? 10,
      progressDeadlineSeconds: spec.progressDeadlineSeconds ?? 600,
      strategy: spec.strategy ?? { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      template: spec.template ? { ...spec.template, spec: defaultPodSpec(spec.template.spec) } : spec.template,
    },
  };
}

// The object with the defaults the API server fills in for its kind.
export function applyDefaults(obj: KubeObject, old: KubeObject | undefined, cluster: SimCluster): KubeObject {
  const group = obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[0] : '';
  if (group === '' && obj.kind === 'Namespace') {
    return {
      ...obj,
      metadata: { ...obj.metadata, labels: { ...(obj.metadata.labels ?? {}), 'kubernetes.io/metadata.name': obj.metadata.name } },
      spec: { finalizers: ['kubernetes'], ...(obj.spec ?? {}) },
      status: old?.status ?? { phase: 'Active' },
    };
  }
  if (group === '' && obj.kind === 'Service') return defaultService(obj, old, cluster);
  if (group === '' && obj.kind === 'Pod') return { ...obj, spec: defaultPodSpec(obj.spec) };
  if (group === '' && obj.kind === 'Secret') return { ...obj, type: obj.type ?? 'Opaque' };
  if (group === 'apps' && obj.kind === 'Deployment') return defaultDeployment(obj);
  return obj;
}
