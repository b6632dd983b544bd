// How a response changes on its way back through an Envoy: HTTP/1 header names lower-cased, hop-by-hop headers
// dropped, server: istio-envoy (Istio sets the connection manager's server_name; pilot/pkg/networking/core/accesslog.go),
// and the router's x-envoy-upstream-service-time, which Istio leaves on (SuppressEnvoyHeaders false unless
// meshConfig suppresses debug headers: pilot/pkg/networking/util/proxy_headers.go, pilot/pkg/xds/filters/filters.go).
// Its value is the upstream's time in milliseconds; in-process that is about one.
import type { Outcome } from './types.ts';

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'proxy-connection', 'upgrade']);

// Rewrite an app response as an Envoy in the path forwards it.
export function throughEnvoy(outcome: Outcome): Outcome {
  if (outcome.kind !== 'response') return outcome;
  if (outcome.headers.some(([k, v]) => k === 'server' && v === 'istio-envoy')) return outcome;
  const headers: Array<[string, string]> = [['server', 'istio-envoy']];
  for (const [k, v] of outcome.headers) {
    const key = k.toLowerCase();
    if (key === 'server' || HOP_BY_HOP.has(key)) continue;
    headers.push([key, v]);
  }
  headers.push(['x-envoy-upstream-service-time', '1']);
  return { ...outcome, headers };
}
