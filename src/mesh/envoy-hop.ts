// One Envoy on the path (a server sidecar or a waypoint): jwt_authn first, then RBAC.
import type { HttpAttributes } from './authorization-match.ts';
import { evaluateEnvoyAuthorization } from './envoy-authorization.ts';
import { httpAttributesOf, type Flow } from './flow.ts';
import { authenticateRequest } from './request-authentication.ts';
import { jwtRejectedOutcome, rbacDeniedOutcome } from './responses.ts';
import type { KubeObject, Outcome } from './types.ts';

const AUTHN_SOURCE = 'pilot/pkg/security/authn/policy_applier.go';

export interface EnvoyHopResult {
  denied: Outcome | undefined;
  http: HttpAttributes;
  // Header names to remove before the app (the JWT, unless forwardOriginalToken).
  strip: string[];
}

// Run RequestAuthentication and AuthorizationPolicy at one Envoy.
export async function evaluateEnvoyHop(
  flow: Flow,
  options: {
    hop: 'sidecar' | 'waypoint';
    where: string;
    authorization: readonly KubeObject[];
    authentication: readonly KubeObject[];
    principal: string | undefined;
    sourceIp: string | undefined;
  },
): Promise<EnvoyHopResult> {
  const { hop, where } = options;
  const base = httpAttributesOf(flow);
  const jwt = await authenticateRequest({
    policies: options.authentication,
    headers: base.headers,
    query: flow.url.searchParams,
    now: flow.request.now,
  });
  let http: HttpAttributes = base;
  const strip: string[] = [];
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
    };
  }
  if (jwt.kind === 'verified') {
    http = { ...base, requestPrincipal: jwt.principal, claims: jwt.claims };
    if (!jwt.forwardToken && jwt.tokenHeader) strip.push(jwt.tokenHeader);
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
    attributes: {
      principal: options.principal,
      sourceIp: options.sourceIp,
      destinationIp: flow.dstIp,
      destinationPort: flow.targetPort,
      http,
    },
    hop,
    where,
  });
  flow.trace.push(...decision.trace);
  return { denied: decision.allowed ? undefined : rbacDeniedOutcome(flow.request.now), http, strip };
}
