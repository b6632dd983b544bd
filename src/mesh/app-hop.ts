// The last hop: the application container answers, or nothing listens on the port.
import { findListener, type AppModel, type AppResponse } from './apps/index.ts';
import { cachedIn } from './snapshot.ts';
import { isPending, nameOf, type Awaitable, type Flow } from './flow.ts';
import { throughEnvoy } from './proxy-response.ts';
import {
  envoyReply,
  refusedOutcome,
  resetOutcome,
  statusTextOf,
  UPSTREAM_REFUSED_BODY,
  UPSTREAM_TERMINATION_BODY,
} from './responses.ts';
import type { Outcome } from './types.ts';

function stripHeaders(headers: Array<[string, string]>, names: string[]): Array<[string, string]> {
  const strip = new Set(names.map((h) => h.toLowerCase()));
  return headers.filter(([k]) => !strip.has(k.toLowerCase()));
}

function hostHeader(headers: Array<[string, string]>): string | undefined {
  for (const [k, v] of headers) if (k.toLowerCase() === 'host') return v;
  return undefined;
}

// Deliver the request to the destination container and shape the answer as it reaches curl.
export function deliverToApp(
  flow: Flow,
  options: { envoyInPath: boolean; ztunnelInPath: boolean; peerIp: string | undefined; strip?: string[] },
): Awaitable<Outcome> {
  const { dst, targetPort } = flow;
  const where = `pod ${nameOf(dst)}`;
  const key = { table: 'listener', owner: dst.namespace, name: dst.name, part: targetPort };
  const listener = cachedIn(flow.snap, key, () => findListener(dst, targetPort));
  if (!listener) {
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
  const headers = options.strip?.length ? stripHeaders(flow.headers, options.strip) : flow.headers.slice();
  const response = listener.model.respond({
    method: flow.request.method,
    path: `${flow.url.pathname}${flow.url.search}`,
    host: hostHeader(headers) ?? flow.url.host,
    headers,
    body: flow.request.body ?? '',
    port: targetPort,
    clientIp: options.peerIp ?? '',
    workload: dst,
    now: flow.request.now,
    call: (url) => flow.callFrom(dst, url),
  });
  return isPending(response)
    ? response.then((r) => answer(flow, listener, r, options.envoyInPath))
    : answer(flow, listener, response, options.envoyInPath);
}

function answer(
  flow: Flow,
  listener: { model: AppModel; container: string },
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
