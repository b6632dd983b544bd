// The last hop: the application container answers, or nothing listens on the port.
import { findListener, type AppResponse, type HttpAppModel } from './apps/index.ts';
import type { ServerFirstAppModel } from './apps/app.ts';
import { cachedIn } from './snapshot.ts';
import { isPending, nameOf, type Awaitable, type Flow } from './flow.ts';
import { throughEnvoy } from './proxy-response.ts';
import {
  envoyReply,
  notHttpOutcome,
  UPSTREAM_PROTOCOL_ERROR_BODY,
  refusedOutcome,
  resetOutcome,
  statusTextOf,
  UPSTREAM_REFUSED_BODY,
  UPSTREAM_TERMINATION_BODY,
} from './responses.ts';
import type { TcpClose } from './tcp-close.ts';
import type { Outcome } from './types.ts';

function stripHeaders(headers: Array<[string, string]>, names: string[]): Array<[string, string]> {
  const strip = new Set(names.map((h) => h.toLowerCase()));
  return headers.filter(([k]) => !strip.has(k.toLowerCase()));
}

function hostHeader(headers: Array<[string, string]>): string | undefined {
  for (const [k, v] of headers) if (k.toLowerCase() === 'host') return v;
  return undefined;
}

// The proxies between curl and the app.
export interface DeliveryPath {
  envoyInPath: boolean; // an Envoy parsing HTTP (a connection manager) stands in the path
  ztunnelInPath: boolean;
  peerIp: string | undefined;
  strip?: string[];
  add?: Array<[string, string]>; // request headers the last Envoy adds (jwt_authn outputs, x-forwarded-client-cert)
  // Set when an Envoy carries the connection as opaque TCP (a port declared TCP) and none parses HTTP: how curl's
  // connection ends when nothing listens.
  tcpRefusal?: TcpClose;
}

// Deliver the request to the destination container and shape the answer as it reaches curl.
export function deliverToApp(flow: Flow, options: DeliveryPath): Awaitable<Outcome> {
  const { dst, targetPort } = flow;
  const where = `pod ${nameOf(dst)}`;
  const key = { table: 'listener', owner: dst.namespace, name: dst.name, part: targetPort };
  const listener = cachedIn(flow.snap, key, () => findListener(dst, targetPort));
  if (!listener) {
    if (options.tcpRefusal && !options.envoyInPath) {
      flow.trace.push({
        hop: 'app',
        where,
        verdict: 'deny',
        message: `Nothing listens on port ${targetPort} in ${nameOf(dst)}; the Envoy in the path proxies TCP, so it has no HTTP 503 to write and closes the connection. ${options.tcpRefusal.why}.`,
      });
      return options.tcpRefusal.outcome;
    }
    if (options.envoyInPath && options.ztunnelInPath) {
      flow.trace.push({
        hop: 'app',
        where,
        verdict: 'deny',
        source: 'ztunnel src/proxy/inbound.rs',
        message: `Nothing listens on port ${targetPort} in ${nameOf(dst)}: the destination ztunnel answers the HBONE CONNECT with 503 and the Envoy in front answers curl with 503.`,
      });
      return envoyReply({ status: 503, body: UPSTREAM_TERMINATION_BODY, now: flow.request.now });
    }
    if (options.envoyInPath) {
      flow.trace.push({
        hop: 'app',
        where,
        verdict: 'deny',
        message: `Nothing listens on port ${targetPort} in ${nameOf(dst)}; the Envoy in the path gets "connection refused" and answers 503.`,
      });
      return envoyReply({ status: 503, body: UPSTREAM_REFUSED_BODY, now: flow.request.now });
    }
    if (options.ztunnelInPath) {
      flow.trace.push({
        hop: 'app',
        where,
        verdict: 'deny',
        source: 'ztunnel src/proxy/inbound.rs',
        message: `Nothing listens on port ${targetPort} in ${nameOf(dst)}. ztunnel already accepted curl's connection, so the refusal reaches curl as a reset.`,
      });
      return resetOutcome();
    }
    flow.trace.push({
      hop: 'app',
      where,
      verdict: 'deny',
      message: `Nothing listens on port ${targetPort} in ${nameOf(dst)}: the connection is refused.`,
    });
    return refusedOutcome(flow.host, flow.port);
  }
  const { model, container } = listener;
  if (model.speaks === 'server-first')
    return serverFirstAnswer(flow, { model, container }, options.envoyInPath);
  const http = { model, container };
  const headers = [...(options.strip?.length ? stripHeaders(flow.headers, options.strip) : flow.headers), ...(options.add ?? [])];
  const response = model.respond({
    method: flow.request.method,
    path: `${flow.url.pathname}${flow.url.search}`,
    host: hostHeader(headers) ?? flow.url.host,
    headers,
    body: flow.request.body ?? '',
    port: targetPort,
    clientIp: options.peerIp ?? '',
    workload: dst,
    now: flow.request.now,
    call: (url: string) => flow.callFrom(dst, url),
  });
  return isPending(response)
    ? response.then((r) => answer(flow, http, r, options.envoyInPath))
    : answer(flow, http, response, options.envoyInPath);
}

// A server-first protocol answers with its greeting: curl cannot read it as HTTP, and an Envoy parsing HTTP in
// front cannot either (its codec fails on the upstream's first bytes and it answers 503).
function serverFirstAnswer(
  flow: Flow,
  listener: { model: ServerFirstAppModel; container: string },
  envoyInPath: boolean,
): Outcome {
  const greeting = `The ${listener.model.name} app in container ${listener.container} speaks ${listener.model.protocolName}, which is server-first: it sends its handshake greeting as soon as the connection opens`;
  if (envoyInPath) {
    flow.trace.push({
      hop: 'app',
      where: `pod ${nameOf(flow.dst)}`,
      verdict: 'deny',
      message: `${greeting}. An Envoy in the path parses this port as HTTP, fails on the greeting and answers 503 (reset reason: protocol error). Declare the Service port as TCP (name "tcp-…" or "mysql", or appProtocol) so Envoys proxy it as TCP.`,
    });
    return envoyReply({ status: 503, body: UPSTREAM_PROTOCOL_ERROR_BODY, now: flow.request.now });
  }
  flow.trace.push({
    hop: 'app',
    where: `pod ${nameOf(flow.dst)}`,
    verdict: 'info',
    message: `${greeting}. curl expects an HTTP status line, finds binary data, and since curl 7.66 refuses HTTP/0.9 responses it stops: (1) Received HTTP/0.9 when not allowed.`,
  });
  return notHttpOutcome();
}

function answer(
  flow: Flow,
  listener: { model: HttpAppModel; container: string },
  response: AppResponse,
  envoyInPath: boolean,
): Outcome {
  const modelNote =
    listener.model.name === 'echo'
      ? `The image of container ${listener.container} is not one we model, so it answers as a plain echo server`
      : `The ${listener.model.name} app in container ${listener.container} answers`;
  flow.trace.push({
    hop: 'app',
    where: `pod ${nameOf(flow.dst)}`,
    verdict: 'pass',
    message: `${modelNote}: ${response.status} ${statusTextOf(response.status)}.`,
  });
  const outcome: Outcome = {
    kind: 'response',
    status: response.status,
    statusText: statusTextOf(response.status),
    httpVersion: '1.1',
    headers: response.headers,
    body: response.body,
  };
  return envoyInPath ? throughEnvoy(outcome) : outcome;
}
