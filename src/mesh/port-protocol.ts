// Which protocol Istio gives a port, and so whether its Envoys parse HTTP on it or proxy opaque TCP.
// Istio: pkg/config/kube/conversion.go (ConvertProtocol) and pkg/config/protocol/instance.go (Parse, IsHTTP, IsTCP).
import { createdAt, matchesLabels } from './objects.ts';
import { resolveTargetPort } from './service.ts';
import { cachedIn, type Snapshot } from './snapshot.ts';
import type { KubeObject } from './types.ts';
import type { Workload } from './workload.ts';

export const PROTOCOL_SOURCE = 'pkg/config/kube/conversion.go';

// One port's protocol as the proxies see it.
export interface PortProtocol {
  protocol: string; // Istio's name: HTTP, HTTP2, GRPC, GRPC-Web, HTTP_PROXY, TCP, HTTPS, TLS, Mongo, Redis, MySQL, UDP, UnsupportedProtocol
  // Declared as a TCP protocol: Envoys run a TCP proxy and the network RBAC filter, with no HTTP connection manager.
  opaque: boolean;
  why: string; // how Istio decided, for the trace: 'port name "tcp-db"', 'appProtocol "mysql"', ...
}

// Istio's names by lower-cased prefix (instance.go Parse matches case-insensitively).
const BY_NAME: Record<string, string> = {
  tcp: 'TCP',
  udp: 'UDP',
  grpc: 'GRPC',
  'grpc-web': 'GRPC-Web',
  http: 'HTTP',
  http_proxy: 'HTTP_PROXY',
  http2: 'HTTP2',
  https: 'HTTPS',
  tls: 'TLS',
  mongo: 'Mongo',
  redis: 'Redis',
  mysql: 'MySQL',
};

// instance.go IsTCP: the protocols that get a TCP proxy. HTTPS is among them: Envoy forwards the TLS bytes unread.
const TCP_PROTOCOLS = new Set(['TCP', 'HTTPS', 'TLS', 'Mongo', 'Redis', 'MySQL']);

// conversion.go: the Kubernetes-defined appProtocol values, honoured only in appProtocol.
const KUBERNETES_APP_PROTOCOLS: Record<string, string> = {
  'kubernetes.io/h2c': 'HTTP2',
  'kubernetes.io/ws': 'HTTP',
  'kubernetes.io/wss': 'HTTPS',
};

// conversion.go wellKnownPorts: server-first protocols that sniffing would break (SMTP, DNS, MySQL, MongoDB).
const WELL_KNOWN_TCP_PORTS = new Set([25, 53, 3306, 27017]);

// Undeclared: Envoy sniffs the first bytes, and curl's request looks like HTTP, so it is parsed as HTTP.
export const SNIFFED: PortProtocol = {
  protocol: 'UnsupportedProtocol',
  opaque: false,
  why: 'no Service port declares it, so the proxies sniff it (curl speaks HTTP)',
};

function make(protocol: string, why: string): PortProtocol {
  return { protocol, opaque: TCP_PROTOCOLS.has(protocol), why };
}

// The protocol of one Service spec.ports entry: appProtocol if set (even if unknown), else the port name's prefix
// before the first "-" ("grpc-web" whole); an unknown name is sniffed, except on a well-known server-first port.
export function protocolOfServicePort(port: any): PortProtocol {
  if (String(port?.protocol ?? 'TCP').toUpperCase() === 'UDP') return make('UDP', 'spec.ports protocol UDP');
  const appProtocol = port?.appProtocol as string | undefined;
  const name = String(appProtocol ?? port?.name ?? '');
  const field =
    appProtocol !== undefined ? `appProtocol "${name}"` : name ? `port name "${name}"` : 'an unnamed port';
  const standard = appProtocol !== undefined ? KUBERNETES_APP_PROTOCOLS[name] : undefined;
  if (standard) return make(standard, field);
  const lower = name.toLowerCase();
  const prefix = lower.startsWith('grpc-web') ? 'grpc-web' : lower.split('-')[0]!;
  const known = BY_NAME[prefix];
  if (known) return make(known, field);
  const number = Number(port?.port);
  if (WELL_KNOWN_TCP_PORTS.has(number))
    return make('TCP', `${field} declares no protocol, and ${number} is a well-known server-first port`);
  return { ...SNIFFED, why: `${field} declares no protocol, so the proxies sniff it (curl speaks HTTP)` };
}

// The protocol a destination sidecar's inbound listener uses for a container port: the port of the oldest Service
// selecting the pod that targets it. Istio: pilot/pkg/networking/core/listener_inbound.go (one chain per target
// port; on conflict the oldest Service wins, and with it its protocol).
export function inboundProtocolOf(snap: Snapshot, dst: Workload, targetPort: number): PortProtocol {
  const key = { table: 'inbound-protocol', owner: dst.namespace, name: dst.name, part: targetPort };
  return cachedIn(snap, key, () => {
    const candidates: Array<{ svc: KubeObject; port: any }> = [];
    for (const svc of snap.services.values()) {
      if (svc.metadata.namespace !== dst.namespace) continue;
      const selector = svc.spec?.selector as Record<string, string> | undefined;
      if (!selector || Object.keys(selector).length === 0 || !matchesLabels(selector, dst.labels)) continue;
      for (const port of (svc.spec?.ports ?? []) as any[])
        if (resolveTargetPort(dst, port) === targetPort) candidates.push({ svc, port });
    }
    candidates.sort((a, b) => createdAt(a.svc) - createdAt(b.svc));
    const first = candidates[0];
    if (!first) return SNIFFED;
    const p = protocolOfServicePort(first.port);
    return { ...p, why: `${p.why} on Service ${first.svc.metadata.namespace}/${first.svc.metadata.name}` };
  });
}
