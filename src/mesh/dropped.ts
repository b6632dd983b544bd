// What curl sees when a NetworkPolicy silently drops the connection a client's own proxy opens. A client outside the
// mesh is still connecting, so curl reports a connection timeout. A mesh client is already connected: ztunnel or its
// sidecar accepted curl's socket locally, so curl waits for an answer until -m ends the operation or the proxy gives
// up (curl lib/multi.c: "Operation timed out after N milliseconds with 0 bytes received" once connected).
import type { Flow } from './flow.ts';
import { envoyReply, resetOutcome, timeoutOutcome } from './responses.ts';
import type { Outcome } from './types.ts';

// meshConfig connectTimeout defaults to 10s (pkg/config/mesh/mesh.go).
const ENVOY_CONNECT_TIMEOUT_MS = 10_000;
// Outbound HTTP routes retry a connect failure twice (pilot/pkg/networking/core/route/retry/retry.go, DefaultPolicy).
const OUTBOUND_HTTP_ATTEMPTS = 3;
// ztunnel's HBONE pool connects with a 10 s timeout (ztunnel src/proxy.rs CONNECTION_TIMEOUT, used by
// src/proxy/pool.rs), and drops curl's connection unread when it expires.
const ZTUNNEL_CONNECT_TIMEOUT_MS = 10_000;

export const RETRIED_CONNECT_TIMEOUT_BODY =
  'upstream connect error or disconnect/reset before headers. retried and the latest reset reason: connection timeout';

// Who holds curl's socket when the packets are dropped.
export type DropHolder = 'none' | 'sidecar-http' | 'sidecar-tcp' | 'ztunnel';

function operationTimeout(ms: number): Outcome {
  return {
    kind: 'error',
    error: 'timeout',
    curlExit: 28,
    message: `Operation timed out after ${ms} milliseconds with 0 bytes received`,
  };
}

// The outcome, and the sentence the trace adds about it.
export function droppedOutcome(flow: Flow, holder: DropHolder): { outcome: Outcome; why: string } {
  const limit = flow.request.timeoutMs;
  if (holder === 'none') {
    return { outcome: timeoutOutcome(limit), why: 'curl is still connecting when its time runs out' };
  }
  const givesUp =
    holder === 'sidecar-http'
      ? OUTBOUND_HTTP_ATTEMPTS * ENVOY_CONNECT_TIMEOUT_MS
      : holder === 'sidecar-tcp'
        ? ENVOY_CONNECT_TIMEOUT_MS
        : ZTUNNEL_CONNECT_TIMEOUT_MS;
  const proxy = holder === 'ztunnel' ? "the client's ztunnel" : "the client's sidecar";
  if (limit !== undefined && limit < givesUp) {
    return {
      outcome: operationTimeout(limit),
      why: `${proxy} accepted curl's connection locally, so curl is connected and waits for an answer; -m ends the operation after ${limit} ms, before ${proxy} gives up (after ${givesUp / 1000} s)`,
    };
  }
  if (holder === 'sidecar-http') {
    return {
      outcome: envoyReply({ status: 503, body: RETRIED_CONNECT_TIMEOUT_BODY, now: flow.request.now }),
      why: `${proxy} tries ${OUTBOUND_HTTP_ATTEMPTS} times, ${ENVOY_CONNECT_TIMEOUT_MS / 1000} s each (its connect timeout and default retries), then answers 503`,
    };
  }
  return {
    outcome: resetOutcome(),
    why: `${proxy} gives up connecting after ${givesUp / 1000} s and closes curl's connection with the request unread: a reset`,
  };
}
