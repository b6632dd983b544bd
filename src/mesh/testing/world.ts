// Small factories for mesh tests: namespaces, pods, services, waypoints and policies as the cluster stores them.
import type { ConnectionError, KubeObject, MeshRequest, Outcome } from '../types.ts';

let nextIp = 10;

// A fresh pod IP (10.244.x.y); unique across a test run.
export function podIp(): string {
  nextIp += 1;
  return `10.244.${Math.floor(nextIp / 250)}.${(nextIp % 250) + 1}`;
}

let nextClusterIp = 10;

// A fresh cluster IP (10.96.x.y).
export function clusterIp(): string {
  nextClusterIp += 1;
  return `10.96.${Math.floor(nextClusterIp / 250)}.${(nextClusterIp % 250) + 1}`;
}

// A Namespace with labels.
export function ns(name: string, labels: Record<string, string> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: { 'kubernetes.io/metadata.name': name, ...labels } },
  };
}

// An ambient-enrolled Namespace.
export function ambientNs(name: string, labels: Record<string, string> = {}): KubeObject {
  return ns(name, { 'istio.io/dataplane-mode': 'ambient', ...labels });
}

export interface PodOptions {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  sa?: string;
  image?: string;
  ports?: Array<number | { containerPort: number; name: string }>;
  ip?: string;
  command?: string[];
  sidecar?: boolean;
  ready?: boolean;
  env?: Array<{ name: string; value: string }>;
}

// A running, ready Pod.
export function pod(namespace: string, name: string, o: PodOptions = {}): KubeObject {
  const containers: any[] = [
    {
      name: name.split('-')[0],
      image: o.image ?? 'docker.io/curlimages/curl:8.16.0',
      ...(o.command ? { command: o.command } : {}),
      ...(o.env ? { env: o.env } : {}),
      ports: (o.ports ?? []).map((p) =>
        typeof p === 'number' ? { containerPort: p, protocol: 'TCP' } : { ...p, protocol: 'TCP' },
      ),
    },
  ];
  const annotations = { ...o.annotations };
  if (o.sidecar) {
    containers.push({ name: 'istio-proxy', image: 'docker.io/istio/proxyv2:1.28.0' });
    annotations['sidecar.istio.io/status'] = '{"containers":["istio-proxy"]}';
  }
  const ready = o.ready ?? true;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels: o.labels ?? {}, annotations },
    spec: { serviceAccountName: o.sa ?? 'default', containers, nodeName: 'node-1' },
    status: {
      phase: 'Running',
      podIP: o.ip ?? podIp(),
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
    },
  };
}

// The curl client (samples/curl: SA curl, sleeps).
export function curlPod(namespace: string, name = 'curl', o: PodOptions = {}): KubeObject {
  return pod(namespace, name, {
    labels: { app: 'curl' },
    sa: 'curl',
    image: 'docker.io/curlimages/curl:8.16.0',
    command: ['/bin/sleep', 'infinity'],
    ...o,
  });
}

// A ClusterIP Service.
export function svc(
  namespace: string,
  name: string,
  o: {
    selector?: Record<string, string>;
    ports?: Array<{ port: number; targetPort?: number | string; name?: string }>;
    labels?: Record<string, string>;
    ip?: string;
  } = {},
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace, labels: o.labels ?? {} },
    spec: {
      selector: o.selector ?? { app: name },
      ports: (o.ports ?? [{ port: 80 }]).map((p) => ({ protocol: 'TCP', targetPort: p.port, ...p })),
      clusterIP: o.ip ?? clusterIp(),
    },
  };
}

// Istio's helloworld sample: Service helloworld:5000 and pods helloworld-v1/-v2 (SA default).
export function helloworld(
  namespace: string,
  o: {
    versions?: string[];
    serviceLabels?: Record<string, string>;
    podLabels?: Record<string, string>;
    sidecar?: boolean;
  } = {},
): KubeObject[] {
  const versions = o.versions ?? ['v1', 'v2'];
  return [
    svc(namespace, 'helloworld', {
      selector: { app: 'helloworld' },
      ports: [{ port: 5000, name: 'http' }],
      labels: { app: 'helloworld', service: 'helloworld', ...o.serviceLabels },
    }),
    ...versions.map((v) =>
      pod(namespace, `helloworld-${v}-6c9f5b7d4b-${v}abc`, {
        labels: { app: 'helloworld', version: v, ...o.podLabels },
        image: `docker.io/istio/examples-helloworld-${v}:1.0`,
        ports: [5000],
        sidecar: o.sidecar ?? false,
      }),
    ),
  ];
}

// go-httpbin: Service httpbin:8000 → 8080, SA httpbin.
export function httpbin(
  namespace: string,
  o: { sidecar?: boolean; labels?: Record<string, string> } = {},
): KubeObject[] {
  return [
    svc(namespace, 'httpbin', {
      selector: { app: 'httpbin' },
      ports: [{ port: 8000, targetPort: 8080, name: 'http' }],
    }),
    pod(namespace, 'httpbin-7b8f9c-abcde', {
      labels: { app: 'httpbin', ...o.labels },
      sa: 'httpbin',
      image: 'docker.io/mccutchen/go-httpbin:v2.15.0',
      ports: [8080],
      sidecar: o.sidecar ?? false,
    }),
  ];
}

// A waypoint as `istioctl waypoint apply` plus the embedded cluster make it: Gateway (Programmed, with an address),
// its ready pod (dataplane-mode none, SA named after the Gateway) and Service.
export function waypoint(
  namespace: string,
  name = 'waypoint',
  o: { for?: string; ready?: boolean } = {},
): KubeObject[] {
  const ip = podIp();
  const gw: KubeObject = {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name, namespace, labels: o.for ? { 'istio.io/waypoint-for': o.for } : {} },
    spec: {
      gatewayClassName: 'istio-waypoint',
      listeners: [{ name: 'mesh', port: 15008, protocol: 'HBONE' }],
    },
    status:
      o.ready === false
        ? {}
        : {
            addresses: [{ type: 'IPAddress', value: clusterIp() }],
            conditions: [{ type: 'Programmed', status: 'True' }],
          },
  };
  const wpPod = pod(namespace, `${name}-5d7c9f-wxyz`, {
    labels: {
      'gateway.networking.k8s.io/gateway-name': name,
      'istio.io/dataplane-mode': 'none',
      'sidecar.istio.io/inject': 'false',
    },
    sa: name,
    image: 'docker.io/istio/proxyv2:1.28.0',
    ports: [15008, 15021],
    ip,
    ready: o.ready ?? true,
  });
  return o.ready === false ? [gw] : [gw, wpPod];
}

function security(
  kind: string,
  namespace: string,
  name: string,
  spec: unknown,
  o: { annotations?: Record<string, string>; created?: string; apiVersion?: string } = {},
): KubeObject {
  return {
    apiVersion: o.apiVersion ?? 'security.istio.io/v1',
    kind,
    metadata: {
      name,
      namespace,
      generation: 1,
      ...(o.annotations ? { annotations: o.annotations } : {}),
      ...(o.created ? { creationTimestamp: o.created } : {}),
    },
    spec,
  };
}

// An AuthorizationPolicy.
export function ap(
  namespace: string,
  name: string,
  spec: unknown,
  o: { annotations?: Record<string, string>; apiVersion?: string } = {},
): KubeObject {
  return security('AuthorizationPolicy', namespace, name, spec, o);
}

// A PeerAuthentication.
export function pa(namespace: string, name: string, spec: unknown, o: { created?: string } = {}): KubeObject {
  return security('PeerAuthentication', namespace, name, spec, o);
}

// A RequestAuthentication.
export function ra(namespace: string, name: string, spec: unknown): KubeObject {
  return security('RequestAuthentication', namespace, name, spec);
}

// A NetworkPolicy.
export function np(namespace: string, name: string, spec: unknown): KubeObject {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec };
}

// A curl request from a pod (GET unless told otherwise).
export function req(
  from: string,
  url: string,
  o: { method?: string; headers?: Record<string, string>; now?: number; timeoutMs?: number } = {},
): MeshRequest {
  const [namespace, podName] = from.split('/') as [string, string];
  const r: MeshRequest = {
    from: { namespace, pod: podName },
    url,
    method: o.method ?? 'GET',
    headers: o.headers ?? {},
    now: o.now ?? Date.UTC(2026, 0, 1),
  };
  if (o.timeoutMs !== undefined) r.timeoutMs = o.timeoutMs;
  return r;
}

// What a test row expects curl to see.
export interface Expected {
  status?: number;
  error?: ConnectionError;
  body?: string;
}

// A short text for an outcome ("200", "reset (56)") to compare and print in failures.
export function describeOutcome(o: Outcome): string {
  return o.kind === 'response' ? String(o.status) : `${o.error} (${o.curlExit})`;
}

// Whether an outcome is what the row expects.
export function matchesExpected(o: Outcome, e: Expected): boolean {
  if (e.status !== undefined && (o.kind !== 'response' || o.status !== e.status)) return false;
  if (e.error !== undefined && (o.kind !== 'error' || o.error !== e.error)) return false;
  if (e.body !== undefined && (o.kind !== 'response' || !o.body.includes(e.body))) return false;
  return true;
}
