// One Envoy on the path (server sidecar or waypoint): jwt_authn, then RBAC; on a TCP port only network RBAC.
import type { HttpAttributes, RequestAttributes } from './authorization-match.ts';
import { evaluateEnvoyAuthorization, type EnvoyTransport } from './envoy-authorization.ts';
import { httpAttributesOf, type Flow } from './flow.ts';
import { authenticateRequest } from './request-authentication.ts';
import { jwtRejectedOutcome, rbacDeniedOutcome } from './responses.ts';
import { closedByNetworkRbac } from './tcp-close.ts';
import type { KubeObject, Outcome } from './types.ts';

const AUTHN_SOURCE = 'pilot/pkg/security/authn/policy_applier.go';
const RBAC_NETWORK_FILTER = 'envoy source/extensions/filters/network/rbac/rbac_filter.cc';

export interface EnvoyHopResult {
  denied: Outcome | undefined;
  http: HttpAttributes;
  // Header names to remove before the app (the JWT, unless forwardOriginalToken).
  strip: string[];
  // Headers jwt_authn adds to the request (outputPayloadToHeader, outputClaimToHeaders).
  add: Array<[string, string]>;
}

// The Envoy and what reaches it.
export interface EnvoyHopOptions {
  hop: 'sidecar' | 'waypoint';
  where: string;
  authorization: readonly KubeObject[];
  authentication: readonly KubeObject[];
  principal: string | undefined;
  sourceIp: string | undefined;
  transport?: EnvoyTransport; // 'tcp' on a port declared TCP: no HTTP filters, network RBAC only
}

// What the RBAC filter knows of the connection, and of the request when it parses HTTP.
function attributesAt(flow: Flow, options: EnvoyHopOptions, http: HttpAttributes | undefined): RequestAttributes {
  const { principal, sourceIp } = options;
  return { principal, sourceIp, destinationIp: flow.dstIp, destinationPort: flow.targetPort, http, envoy: true };
}

// On a TCP filter chain there is no jwt_authn (it is an HTTP filter) and RBAC is the network filter, which sees
// the connection only. Istio: pilot/pkg/networking/core/networkfilter.go (buildCompleteNetworkFilters: CUSTOM then
// local RBAC network filters before the TCP proxy).
function evaluateTcpHop(flow: Flow, options: EnvoyHopOptions, http: HttpAttributes): EnvoyHopResult {
  const { hop, where } = options;
  if (options.authentication.length > 0)
    flow.trace.push({
      hop,
      where,
      verdict: 'info',
      source: 'pilot/pkg/networking/core/networkfilter.go',
      message: `Port ${flow.targetPort} is TCP at the ${hop}: RequestAuthentication is enforced by an HTTP filter, so no JWT is checked and no request principal exists here.`,
    });
  const decision = evaluateEnvoyAuthorization({
    policies: options.authorization,
    attributes: attributesAt(flow, options, undefined),
    hop,
    where,
    transport: 'tcp',
  });
  flow.trace.push(...decision.trace);
  if (decision.allowed) return { denied: undefined, http, strip: [], add: [] };
  const close = closedByNetworkRbac(hop);
  flow.trace.push({ hop, where, verdict: 'deny', source: RBAC_NETWORK_FILTER, message: `${close.why}.` });
  return { denied: close.outcome, http, strip: [], add: [] };
}

// Run RequestAuthentication and AuthorizationPolicy at one Envoy.
export async function evaluateEnvoyHop(flow: Flow, options: EnvoyHopOptions): Promise<EnvoyHopResult> {
  const { hop, where } = options;
  const base = httpAttributesOf(flow);
  if (options.transport === 'tcp') return evaluateTcpHop(flow, options, base);
  const jwt = await authenticateRequest({
    policies: options.authentication,
    headers: base.headers,
    query: flow.url.searchParams,
    now: flow.request.now,
  });
  let http: HttpAttributes = base;
  const strip: string[] = [];
  const add: Array<[string, string]> = [];
  if (jwt.kind === 'rejected') {
    const policy = jwt.policy
      ? {
          kind: 'RequestAuthentication',
          namespace: jwt.policy.metadata.namespace ?? '',
          name: jwt.policy.metadata.name,
        }
      : undefined;
    flow.trace.push({
      hop,
      where,
      verdict: 'deny',
      ...(policy ? { policy } : {}),
      source: AUTHN_SOURCE,
      message: `${jwt.note} jwt_authn rejects the request before any AuthorizationPolicy runs: ${jwt.status} "${jwt.message}".`,
    });
    const realm = `${flow.url.protocol}//${base.host}${flow.url.pathname}`;
    return {
      denied: jwtRejectedOutcome({ status: jwt.status, message: jwt.message, realm, now: flow.request.now }),
      http,
      strip,
      add,
    };
  }
  if (jwt.kind === 'verified') {
    http = { ...base, requestPrincipal: jwt.principal, claims: jwt.claims };
    if (!jwt.forwardToken && jwt.tokenHeader) strip.push(jwt.tokenHeader);
    add.push(...jwt.outputHeaders);
    flow.trace.push({
      hop,
      where,
      verdict: 'pass',
      source: AUTHN_SOURCE,
      policy: {
        kind: 'RequestAuthentication',
        namespace: jwt.policy.metadata.namespace ?? '',
        name: jwt.policy.metadata.name,
      },
      message: `The JWT verifies; request principal ${jwt.principal}.`,
    });
  } else if (options.authentication.length > 0) {
    flow.trace.push({ hop, where, verdict: 'info', source: AUTHN_SOURCE, message: jwt.note });
  }
  const decision = evaluateEnvoyAuthorization({
    policies: options.authorization,
    attributes: attributesAt(flow, options, http),
    hop,
    where,
  });
  flow.trace.push(...decision.trace);
  return { denied: decision.allowed ? undefined : rbacDeniedOutcome(flow.request.now), http, strip, add };
}
