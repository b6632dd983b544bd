// A Service's ports and endpoints: service port → target port (numbers or container port names), ready pods only.
import type { Snapshot } from './snapshot.ts';
import { matchesLabels } from './objects.ts';
import { cachedIn } from './snapshot.ts';
import type { KubeObject } from './types.ts';
import type { Workload } from './workload.ts';

// One endpoint: a ready pod and the container port the service port maps to on it.
export interface Endpoint {
  workload: Workload;
  port: number;
}

// The spec.ports entry for a port number, if the Service exposes it.
export function servicePortOf(service: KubeObject, port: number): any {
  return ((service.spec?.ports ?? []) as any[]).find((p) => Number(p.port) === port);
}

// Resolve a targetPort (number or name) on a pod; undefined when a named port is not declared by the pod.
export function resolveTargetPort(workload: Workload, servicePort: any): number | undefined {
  const target = servicePort.targetPort ?? servicePort.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(String(target))) return Number(target);
  for (const c of (workload.pod.spec?.containers ?? []) as any[]) {
    for (const p of (c.ports ?? []) as any[]) if (p.name === target) return Number(p.containerPort);
  }
  return undefined;
}

// The ready endpoints behind one service port, sorted by pod name (stable round robin).
export function endpointsOf(snap: Snapshot, service: KubeObject, servicePort: any): Endpoint[] {
  // The same Service and port number always find the same spec.ports entry, so its raw port value keys it.
  const owner = String(service.metadata.namespace);
  const key = { table: 'endpoints', owner, name: service.metadata.name, part: servicePort.port };
  return cachedIn(snap, key, () => {
    const selector = service.spec?.selector as Record<string, string> | undefined;
    if (!selector || Object.keys(selector).length === 0) return [];
    const pods = snap.workloadsByNamespace.get(service.metadata.namespace ?? 'default') ?? [];
    const out: Endpoint[] = [];
    for (const w of pods) {
      if (!w.ready || !matchesLabels(selector, w.labels)) continue;
      const port = resolveTargetPort(w, servicePort);
      if (port !== undefined) out.push({ workload: w, port });
    }
    return out.sort((a, b) => (a.workload.name < b.workload.name ? -1 : 1));
  });
}
