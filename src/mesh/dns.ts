// Name resolution inside a pod: cluster DNS with the pod's search path, cluster IPs and pod IPs.
// Kubernetes: pkg/kubelet/network/dns/dns.go — a pod's resolv.conf searches <ns>.svc.<domain>, svc.<domain>, <domain>.
import type { Snapshot } from './snapshot.ts';
import type { KubeObject } from './types.ts';
import type { Workload } from './workload.ts';
import { parseIPv4 } from './string-match.ts';
import { matchesLabels } from './objects.ts';

// Where a host name led.
export type Resolution =
  | { kind: 'service'; service: KubeObject; address: string; name: string }
  | { kind: 'pod'; workload: Workload; address: string }
  | { kind: 'loopback'; address: string }
  | { kind: 'unknown-ip'; address: string }
  | { kind: 'nxdomain' };

function firstClusterIp(svc: KubeObject): string {
  const ip = svc.spec?.clusterIP;
  return typeof ip === 'string' && ip !== 'None' ? ip : '';
}

function lookupServiceName(snap: Snapshot, fqdn: string): KubeObject | undefined {
  const suffix = `.svc.${snap.settings.clusterDomain}`;
  if (!fqdn.endsWith(suffix)) return undefined;
  const parts = fqdn.slice(0, -suffix.length).split('.');
  if (parts.length !== 2) return undefined;
  return snap.services.get(`${parts[1]}/${parts[0]}`);
}

// Resolve the host of a URL as curl in `from` would.
export function resolveHost(snap: Snapshot, from: Workload, rawHost: string): Resolution {
  const host = rawHost.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host === '127.0.0.1' || host === '[::1]' || host === '::1')
    return { kind: 'loopback', address: '127.0.0.1' };
  if (parseIPv4(host) !== undefined || host.startsWith('[')) {
    const svc = snap.servicesByIp.get(host);
    if (svc) return { kind: 'service', service: svc, address: host, name: host };
    const pod = snap.workloadsByIp.get(host);
    if (pod) return { kind: 'pod', workload: pod, address: host };
    return { kind: 'unknown-ip', address: host };
  }
  const domain = snap.settings.clusterDomain;
  const candidates = rawHost.endsWith('.')
    ? [host]
    : [`${host}.${from.namespace}.svc.${domain}`, `${host}.svc.${domain}`, `${host}.${domain}`, host];
  for (const name of candidates) {
    const svc = lookupServiceName(snap, name);
    if (!svc) continue;
    if (firstClusterIp(svc)) return { kind: 'service', service: svc, address: firstClusterIp(svc), name };
    // A headless Service's name resolves to its ready pods' IPs; curl takes the first answer.
    const pod = headlessTarget(snap, svc);
    if (pod?.ip) return { kind: 'pod', workload: pod, address: pod.ip };
  }
  return { kind: 'nxdomain' };
}

function headlessTarget(snap: Snapshot, svc: KubeObject): Workload | undefined {
  const selector = svc.spec?.selector as Record<string, string> | undefined;
  if (!selector || Object.keys(selector).length === 0) return undefined;
  const pods = (snap.workloadsByNamespace.get(svc.metadata.namespace ?? 'default') ?? []).filter(
    (w) => w.ready && matchesLabels(selector, w.labels),
  );
  return pods.sort((a, b) => (a.name < b.name ? -1 : 1))[0];
}
