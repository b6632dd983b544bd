// A path to request on a Service port that the app behind it answers, for tools that need one request per port
// (the reachability matrix) and have no lab check to take it from.
import { findListener } from './apps/index.ts';
import { endpointsOf, servicePortOf } from './service.ts';
import type { Snapshot } from './snapshot.ts';

// The sample path of the first ready endpoint's app ("/" for an app without one); undefined when no HTTP app listens.
export function samplePathOf(snap: Snapshot, service: { namespace: string; name: string }, port: number): string | undefined {
  const svc = snap.services.get(`${service.namespace}/${service.name}`);
  const servicePort = svc ? servicePortOf(svc, port) : undefined;
  if (!svc || !servicePort) return undefined;
  for (const endpoint of endpointsOf(snap, svc, servicePort)) {
    const listener = findListener(endpoint.workload, endpoint.port);
    if (listener && listener.model.speaks !== 'server-first') return listener.model.samplePath ?? '/';
  }
  return undefined;
}
