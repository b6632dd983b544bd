// What curl shows: its connection errors (exit code and text) and the local replies Envoy writes.
import type { Outcome } from './types.ts';

// curl waits this long when nothing answers and the request set no timeout: curl's own default connect timeout
// (CURLOPT_CONNECTTIMEOUT, 300 s). A real Linux client may give up earlier (SYN retries, ~130 s); we pick curl's value.
export const DEFAULT_CONNECT_TIMEOUT_MS = 300_000;

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  304: 'Not Modified',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  418: "I'm a teapot",
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

// The reason phrase for a status code.
export function statusTextOf(status: number): string {
  return STATUS_TEXT[status] ?? '';
}

let lastDate: [number, string] = [Number.NaN, ''];

// An RFC 7231 date (the Date header) for a request instant (whole seconds, remembered for the last instant).
export function httpDate(now: number): string {
  const seconds = Math.floor(now / 1000);
  if (lastDate[0] !== seconds) lastDate = [seconds, new Date(seconds * 1000).toUTCString()];
  return lastDate[1];
}

// The byte length of a UTF-8 string (Content-Length), counted without encoding it. Like TextEncoder, a lone
// surrogate counts as U+FFFD (3 bytes).
export function byteLength(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) bytes += 1;
    else if (c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 2; // a surrogate pair: two code units, four bytes
      i++;
    } else bytes += 2;
  }
  return bytes;
}

// curl: (56) Recv failure: Connection reset by peer.
export function resetOutcome(): Outcome {
  return { kind: 'error', error: 'reset', curlExit: 56, message: 'Recv failure: Connection reset by peer' };
}

// curl: (7) Failed to connect to HOST port P after 0 ms: Couldn't connect to server.
export function refusedOutcome(host: string, port: number): Outcome {
  return {
    kind: 'error',
    error: 'refused',
    curlExit: 7,
    message: `Failed to connect to ${host} port ${port} after 0 ms: Couldn't connect to server`,
  };
}

// curl: (28) Connection timed out after N milliseconds.
export function timeoutOutcome(timeoutMs: number | undefined): Outcome {
  const ms = timeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  return {
    kind: 'error',
    error: 'timeout',
    curlExit: 28,
    message: `Connection timed out after ${ms} milliseconds`,
  };
}

// curl: (6) Could not resolve host: NAME.
export function dnsOutcome(host: string): Outcome {
  return { kind: 'error', error: 'dns', curlExit: 6, message: `Could not resolve host: ${host}` };
}

// curl: (52) Empty reply from server.
export function emptyReplyOutcome(): Outcome {
  return { kind: 'error', error: 'empty-reply', curlExit: 52, message: 'Empty reply from server' };
}

// curl: (1) Received HTTP/0.9 when not allowed — the reply does not start with an HTTP status line, and curl 7.66 and
// later refuse HTTP/0.9 unless --http0.9 is given (curl lib/http.c; CURLE_UNSUPPORTED_PROTOCOL is 1).
export function notHttpOutcome(): Outcome {
  return { kind: 'error', error: 'not-http', curlExit: 1, message: 'Received HTTP/0.9 when not allowed' };
}

// A local reply written by Envoy (sidecar or waypoint): lower-case headers, server: istio-envoy.
export function envoyReply(options: {
  status: number;
  body: string;
  now: number;
  extraHeaders?: Array<[string, string]>;
}): Outcome {
  const headers: Array<[string, string]> = [...(options.extraHeaders ?? [])];
  headers.push(['content-length', String(byteLength(options.body))]);
  headers.push(['content-type', 'text/plain']);
  headers.push(['date', httpDate(options.now)]);
  headers.push(['server', 'istio-envoy']);
  return {
    kind: 'response',
    status: options.status,
    statusText: statusTextOf(options.status),
    httpVersion: '1.1',
    headers,
    body: options.body,
  };
}

// Envoy's RBAC denial: 403 "RBAC: access denied" (19 bytes).
export function rbacDeniedOutcome(now: number): Outcome {
  return envoyReply({ status: 403, body: 'RBAC: access denied', now });
}

// The 503 an Envoy returns when its upstream (a destination ztunnel) closes the tunnel before response headers.
export const UPSTREAM_TERMINATION_BODY =
  'upstream connect error or disconnect/reset before headers. reset reason: connection termination';

// The 503 an Envoy returns when nothing listens on the upstream port.
export const UPSTREAM_REFUSED_BODY =
  'upstream connect error or disconnect/reset before headers. retried and the latest reset reason: remote connection failure, transport failure reason: delayed connect error: Connection refused';

// The 503 an Envoy returns when the upstream's reply cannot be parsed as HTTP (a server-first protocol).
export const UPSTREAM_PROTOCOL_ERROR_BODY =
  'upstream connect error or disconnect/reset before headers. reset reason: protocol error';

// The 503 an Envoy returns when a cluster has no endpoint.
export const NO_HEALTHY_UPSTREAM_BODY = 'no healthy upstream';

// jwt_authn's rejection: 401 (or 403 for audiences) with WWW-Authenticate naming the request URL as realm.
export function jwtRejectedOutcome(options: {
  status: 401 | 403;
  message: string;
  realm: string;
  now: number;
}): Outcome {
  // Envoy jwt_authn writes error="invalid_token" for every verification failure, the audience mismatch included.
  const challenge = `Bearer realm="${options.realm}", error="invalid_token"`;
  return envoyReply({
    status: options.status,
    body: options.message,
    now: options.now,
    extraHeaders: [['www-authenticate', challenge]],
  });
}
