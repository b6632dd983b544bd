// One request from a pod: resolve the host, pick an endpoint, then follow the mesh path (route.ts).
import { deliverToApp } from './app-hop.ts';
import { resolveHost } from './dns.ts';
import { isPending, type Flow } from './flow.ts';
import { routeRequest } from './route.ts';
import {
  byteLength,
  dnsOutcome,
  envoyReply,
  NO_HEALTHY_UPSTREAM_BODY,
  refusedOutcome,
  resetOutcome,
  timeoutOutcome,
} from './responses.ts';
import { endpointsOf, servicePortOf } from './service.ts';
import { protocolOfServicePort, SNIFFED, type PortProtocol } from './port-protocol.ts';
import { cachedIn, type Snapshot } from './snapshot.ts';
import type { Evaluation, KubeObject, MeshRequest, Outcome, TraceEntry } from './types.ts';
import type { Workload } from './workload.ts';

// Chooses the n-th of `count` endpoints for a key (the Mesh keeps round-robin counters).
export type EndpointPicker = (key: string, count: number) => number;

const CURL_USER_AGENT = 'curl/8.16.0';

function parseUrl(raw: string): URL {
  // curl assumes http:// when the URL has no scheme ("travels.travel-agency:8000/travels/Madrid").
  return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`);
}

// The request headers curl sends: Host, User-Agent, Accept, then the caller's (which replace same-named defaults).
function curlHeaders(url: URL, request: MeshRequest): Array<[string, string]> {
  const given = Object.entries(request.headers);
  const has = (name: string): boolean => given.some(([k]) => k.toLowerCase() === name);
  const out: Array<[string, string]> = [];
  if (!has('host')) out.push(['Host', url.host]);
  if (!has('user-agent')) out.push(['User-Agent', CURL_USER_AGENT]);
  if (!has('accept')) out.push(['Accept', '*/*']);
  out.push(...given);
  if (request.body !== undefined && !has('content-length')) {
    out.push(['Content-Length', String(byteLength(request.body))]);
    if (!has('content-type')) out.push(['Content-Type', 'application/x-www-form-urlencoded']);
  }
  return out;
}

function finish(outcome: Outcome, trace: TraceEntry[], method?: string): Evaluation {
  // A HEAD response carries headers only, whoever writes it (the app or an Envoy local reply).
  if (method === 'HEAD' && outcome.kind === 'response' && outcome.body !== '')
    return { outcome: { ...outcome, body: '' }, trace };
  return { outcome, trace };
}

// Evaluate a request against a snapshot.
export async function evaluateRequest(
  snap: Snapshot,
  request: MeshRequest,
  pick: EndpointPicker,
  depth = 0,
): Promise<Evaluation> {
  const src = snap.workloadsByName.get(request.from.namespace)?.get(request.from.pod);
  if (!src)
    throw new Error(
      `mesh: the source pod ${request.from.namespace}/${request.from.pod} is not among the objects; pass the Pod with its status.podIP.`,
    );
  const url = parseUrl(request.url);
  const host = url.hostname;
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  const trace: TraceEntry[] = [];
  const callFrom = async (from: Workload, target: string): Promise<Outcome> => {
    if (depth >= 3) return resetOutcome();
    const nested = await evaluateRequest(
      snap,
      {
        from: { namespace: from.namespace, pod: from.name },
        url: target,
        method: 'GET',
        headers: {},
        now: request.now,
      },
      pick,
      depth + 1,
    );
    trace.push(
      {
        hop: 'app',
        where: `pod ${from.namespace}/${from.name}`,
        verdict: 'info',
        message: `The app calls ${target}:`,
      },
      // The nested request's decisions are context for this one, so they are recorded as info, not as verdicts.
      ...nested.trace.map(
        (t): TraceEntry => ({
          ...t,
          where: `↳ ${t.where}`,
          verdict: 'info',
          message: `(${t.verdict}) ${t.message}`,
        }),
      ),
    );
    return nested.outcome;
  };
  const headers = curlHeaders(url, request);
  // Every flow of this request shares these fields; built with one literal so they keep one shape.
  const flowTo = (
    dst: Workload,
    dstIp: string,
    targetPort: number,
    addressed?: { service: KubeObject; protocol: PortProtocol },
  ): Flow => ({
    snap,
    request,
    url,
    host,
    port,
    src,
    headers,
    trace,
    callFrom,
    dst,
    dstIp,
    targetPort,
    service: addressed?.service,
    protocol: addressed?.protocol ?? SNIFFED,
  });
  const r = cachedIn(snap, { table: 'dns', owner: src.namespace, name: '', part: host }, () =>
    resolveHost(snap, src, host),
  );
  if (r.kind === 'nxdomain') {
    trace.push({
      hop: 'dns',
      where: `resolver of ${src.namespace}/${src.name}`,
      verdict: 'deny',
      source: 'kubernetes pkg/kubelet/network/dns/dns.go',
      message: `${host} is not a Service name in the pod's search path (${src.namespace}.svc.${snap.settings.clusterDomain}, svc.${snap.settings.clusterDomain}, ${snap.settings.clusterDomain}): NXDOMAIN.`,
    });
    return finish(dnsOutcome(host), trace);
  }
  if (r.kind === 'unknown-ip') {
    trace.push({
      hop: 'dns',
      where: host,
      verdict: 'deny',
      message: `No Service or pod has IP ${r.address}; nothing answers, so curl times out.`,
    });
    return finish(timeoutOutcome(request.timeoutMs), trace);
  }
  if (r.kind === 'loopback') {
    trace.push({
      hop: 'dns',
      where: host,
      verdict: 'info',
      message: `${host} is the pod itself; the request never leaves it.`,
    });
    const delivered = deliverToApp(flowTo(src, '127.0.0.1', port), {
      envoyInPath: false,
      ztunnelInPath: false,
      peerIp: '127.0.0.1',
    });
    return finish(isPending(delivered) ? await delivered : delivered, trace);
  }
  if (r.kind === 'pod') {
    trace.push({
      hop: 'dns',
      where: host,
      verdict: 'info',
      message: `${host} is the IP of pod ${r.workload.namespace}/${r.workload.name}.`,
    });
    const routed = routeRequest(flowTo(r.workload, r.address, port));
    return finish(isPending(routed) ? await routed : routed, trace, request.method);
  }
  const svc = r.service;
  const svcName = `${svc.metadata.namespace}/${svc.metadata.name}`;
  trace.push({
    hop: 'dns',
    where: host,
    verdict: 'info',
    message: `${host} resolves to Service ${svcName} (cluster IP ${r.address}).`,
  });
  const svcPort = servicePortOf(svc, port);
  if (!svcPort) {
    trace.push({
      hop: 'dns',
      where: svcName,
      verdict: 'deny',
      message: `Service ${svcName} has no port ${port}; kube-proxy has no rule for it and the packets go nowhere, so curl times out.`,
    });
    return finish(timeoutOutcome(request.timeoutMs), trace);
  }
  const protocol = cachedIn(snap, { table: 'port-protocol', owner: svcName, name: '', part: port }, () =>
    protocolOfServicePort(svcPort),
  );
  const endpoints = endpointsOf(snap, svc, svcPort);
  if (endpoints.length === 0) {
    const opaque = protocol.opaque;
    const outcome = noEndpoints({ src, svcName, host, port, trace, now: request.now, opaque });
    return finish(outcome, trace, request.method);
  }
  const chosen = endpoints[pick(`${svcName}:${port}`, endpoints.length) % endpoints.length]!;
  trace.push({
    hop: 'dns',
    where: svcName,
    verdict: 'info',
    message: `Service port ${port} → pod ${chosen.workload.namespace}/${chosen.workload.name} port ${chosen.port} (round robin over ${endpoints.length} ready endpoint${endpoints.length === 1 ? '' : 's'}).`,
  });
  const flow = flowTo(chosen.workload, chosen.workload.ip ?? '', chosen.port, { service: svc, protocol });
  const routed = routeRequest(flow);
  return finish(isPending(routed) ? await routed : routed, trace, request.method);
}

function noEndpoints(options: {
  src: Workload;
  svcName: string;
  host: string;
  port: number;
  trace: TraceEntry[];
  now: number;
  opaque: boolean; // the Service port is declared TCP
}): Outcome {
  const { src, svcName, host, port, trace, now } = options;
  const where = `Service ${svcName}`;
  if (src.mode === 'sidecar' && options.opaque) {
    // Envoy's TcpProxy finds no host and closes the connection it just accepted, with curl's request unread.
    trace.push({
      hop: 'client',
      where,
      verdict: 'deny',
      message: `Service ${svcName} has no ready endpoints; port ${port} is TCP, so the client's sidecar has no HTTP 503 to give: its TCP proxy closes curl's connection with the request unread, which reaches curl as a reset.`,
    });
    return resetOutcome();
  }
  if (src.mode === 'sidecar') {
    trace.push({
      hop: 'client',
      where,
      verdict: 'deny',
      message: `Service ${svcName} has no ready endpoints; the client's sidecar answers 503 "no healthy upstream".`,
    });
    return envoyReply({ status: 503, body: NO_HEALTHY_UPSTREAM_BODY, now });
  }
  if (src.mode === 'ambient') {
    trace.push({
      hop: 'client',
      where,
      verdict: 'deny',
      message: `Service ${svcName} has no ready endpoints; ztunnel already accepted curl's connection and closes it: reset.`,
    });
    return resetOutcome();
  }
  trace.push({
    hop: 'client',
    where,
    verdict: 'deny',
    message: `Service ${svcName} has no ready endpoints; kube-proxy rejects the connection.`,
  });
  return refusedOutcome(host, port);
}
