// The state of one request on its way through the mesh, shared by the hop functions.
import type { HttpAttributes } from './authorization-match.ts';
import type { PortProtocol } from './port-protocol.ts';
import type { Snapshot } from './snapshot.ts';
import type { KubeObject, MeshRequest, Outcome, TraceEntry } from './types.ts';
import type { Workload } from './workload.ts';

export interface Flow {
  snap: Snapshot;
  request: MeshRequest;
  url: URL;
  host: string; // as typed in the URL (curl's messages name it)
  port: number; // as typed or defaulted
  src: Workload;
  dst: Workload;
  dstIp: string;
  targetPort: number;
  service: KubeObject | undefined; // set when the client addressed a Service
  // The addressed port's protocol as the client's sidecar and a waypoint see it (sniffed for pod-IP traffic).
  protocol: PortProtocol;
  headers: Array<[string, string]>; // the request headers curl sends
  trace: TraceEntry[];
  // Send a request from a pod through the mesh (an app calling another service); nested calls are traced too.
  callFrom: (from: Workload, url: string) => Promise<Outcome>;
}

// The request headers as a lower-case map (duplicates joined with ",", as Envoy presents them to RBAC).
export function headerMap(headers: Array<[string, string]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of headers) {
    const key = k.toLowerCase();
    out[key] = out[key] === undefined ? v : `${out[key]},${v}`;
  }
  return out;
}

// Envoy's default path normalization for RBAC (Istio's BASE): percent-encoded unreserved characters are decoded;
// dot segments are already resolved by curl. Istio: docs reference/config/security/normalization.
export function normalizePath(path: string): string {
  return path.replace(/%([0-9a-fA-F]{2})/g, (m, hex: string) => {
    const c = String.fromCharCode(parseInt(hex, 16));
    return /[A-Za-z0-9\-._~]/.test(c) ? c : m;
  });
}

// The L7 attributes an Envoy sees for this request.
export function httpAttributesOf(flow: Flow, extra?: Partial<HttpAttributes>): HttpAttributes {
  const headers = headerMap(flow.headers);
  return {
    method: flow.request.method,
    path: normalizePath(flow.url.pathname),
    host: headers.host ?? flow.url.host,
    headers,
    ...extra,
  };
}

// A value now, or later when a step had to wait (an app calling another service, JWT verification). Hops that
// need not wait return the value itself, so a plain request costs no promise per hop.
export type Awaitable<T> = T | Promise<T>;

// Whether a hop's result has to be awaited.
export function isPending<T>(value: Awaitable<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

// "ns/name" of a workload, for trace lines.
export function nameOf(w: Workload): string {
  return `${w.namespace}/${w.name}`;
}
