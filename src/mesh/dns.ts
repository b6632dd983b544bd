// Name resolution inside a pod: cluster DNS with the pod's search path, cluster IPs and pod IPs.
// Kubernetes: pkg/kubelet/network/dns/dns.go — a pod's resolv.conf searches <ns>.svc.<domain>, svc.<domain>, <domain>.
import type { Snapshot } from './snapshot.ts';
import type { KubeObject } from './types.ts';
import type { Workload } from './workload.ts';
import { parseIPv4 } from './string-match.ts';

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
  if (host === 'localhost' || host === '127.0.0.1' || host === '[::1]' || host === '::1') return { kind: 'loopback', address: '127.0.0.1' };
  if (parseIPv4(host) !== undefined || host.startsWith('[')) {
    const svc = snap.servicesByIp.get(host);
    if (svc) return { kind: 'service', service: svc, address: host, name: host };
    const pod = snap.workloadsByIp.get(host);
    if (pod) return { kind: 'pod', workload: pod, address: host };
    return { kind: 'unknown-ip', address: host };
  }
  const domain = snap.settings.clusterDomain;
  const candidates = rawHost.endsWith('.') ? [host] : [`${host}.${from.namespace}.svc.${domain}`, `${host}.svc.${domain}`, `${host}.${domain}`, host];
  for (const name of candidates) {
    const svc = lookupServiceName(snap, name);
    if (svc && firstClusterIp(svc)) return { kind: 'service', service: svc, address: firstClusterIp(svc), name };
  }
  return { kind: 'nxdomain' };
}
