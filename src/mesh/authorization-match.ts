// Whether one AuthorizationPolicy rule matches a request, as Envoy's RBAC filter (sidecar, waypoint) evaluates it.
// Istio: pilot/pkg/security/authz/model/generator.go and api security/v1beta1/authorization_policy.proto —
// rules are OR'd; from/to/when inside a rule are AND'd; entries of from/to are OR'd; fields inside one source or
// operation are AND'd; values are OR'd; notValues means "none of them matches" (an absent attribute passes).
import { ipInBlock, matchesAnyIstioString } from './string-match.ts';
import { namespaceOfPrincipal, serviceAccountOfPrincipal } from './workload.ts';

// The L7 view of a request, present only where an Envoy parses HTTP.
export interface HttpAttributes {
  method: string;
  path: string; // without the query string
  host: string; // :authority, including the port when curl sent one
  headers: Record<string, string>; // lower-case names
  requestPrincipal?: string | undefined; // iss/sub of a verified JWT
  claims?: Record<string, unknown> | undefined;
}

// What a proxy knows about a connection and, for Envoy, the request on it.
export interface RequestAttributes {
  principal: string | undefined; // peer identity without spiffe://, undefined for plaintext
  sourceIp: string | undefined;
  destinationIp: string | undefined;
  destinationPort: number; // the workload (target) port
  http: HttpAttributes | undefined;
  envoy?: boolean; // an Envoy's RBAC filter decides (a sidecar or waypoint), not ztunnel
}

// The address remoteIpBlocks and remote.ip test. Istio's inbound connection managers (sidecar and waypoint) keep
// use_remote_address false with no trusted hops (pilot/pkg/networking/core/listener_inbound.go,
// listener_waypoint.go), so Envoy takes the last X-Forwarded-For address when the request has one, even one the
// client wrote itself; ipBlocks and source.ip always see the peer.
function remoteIpOf(a: RequestAttributes): string | undefined {
  const xff = a.envoy ? a.http?.headers['x-forwarded-for'] : undefined;
  const last = xff?.split(',').at(-1)?.trim();
  return last ? last : a.sourceIp;
}

// A `namespaces` value at an Envoy: istiod turns every "*" into ".*" inside the regex ".*/ns/<value>/.*" over the
// peer's SPIFFE ID (model/generator.go, srcNamespaceGenerator), so "te*t" matches test. ztunnel matches the
// value as an exact, prefix, suffix or presence string (ambient/authorization.go stringToMatch).
const envoyNamespaceRegexes = new Map<string, RegExp>();

function matchesEnvoyNamespace(pattern: string, principal: string | undefined): boolean {
  if (!principal) return false;
  let regex = envoyNamespaceRegexes.get(pattern);
  if (!regex) {
    const body = pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*');
    regex = new RegExp(`^.*/ns/${body}/.*$`);
    envoyNamespaceRegexes.set(pattern, regex);
  }
  return regex.test(principal);
}

type Values = readonly string[] | undefined;

function hasValues(v: Values): v is readonly string[] {
  return v !== undefined && v.length > 0;
}

// "any positive AND none negative" for one field; unset lists do not constrain.
function field(pos: Values, neg: Values, test: (pattern: string) => boolean): boolean {
  if (hasValues(pos) && !pos.some(test)) return false;
  if (hasValues(neg) && neg.some(test)) return false;
  return true;
}

// Istio path templates: "{*}" is one segment, "{**}" the rest. Istio: pkg/config/security/security.go.
function matchesPath(pattern: string, path: string): boolean {
  if (!pattern.includes('{*')) return matchesAnyIstioString([pattern], path);
  const re = pattern
    .split('/')
    .map((seg) =>
      seg === '{*}' ? '[^/]+' : seg === '{**}' ? '.+' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('/');
  return new RegExp(`^${re}$`).test(path);
}

function matchesServiceAccount(
  value: string,
  principal: string | undefined,
  policyNamespace: string,
): boolean {
  if (!principal) return false;
  const [ns, sa] = value.includes('/') ? value.split('/', 2) : [policyNamespace, value];
  return namespaceOfPrincipal(principal) === ns && serviceAccountOfPrincipal(principal) === sa;
}

// A requestPrincipals value (or a request.auth.principal condition) as istiod builds it: split at its last "/"
// into an issuer and a subject matcher, each checked against the token's own iss and sub claims, so "*" needs
// both, "ISS/*" a subject, and "*SUFFIX" without "/" is a suffix of the subject
// (pilot/pkg/security/authz/model/generator.go, requestPrincipalGenerator).
function matchesRequestPrincipal(value: string, claims: Record<string, unknown> | undefined): boolean {
  const iss = claims?.iss;
  const sub = claims?.sub;
  if (typeof iss !== 'string' || typeof sub !== 'string') return false;
  const present = (s: string) => s.length > 0;
  const slash = value.lastIndexOf('/');
  const [wantIss, wantSub] = slash >= 0 ? [value.slice(0, slash), value.slice(slash + 1)] : [value, ''];
  if (value === '*') return present(iss) && present(sub);
  if (value.startsWith('*')) {
    if (slash < 0) return present(iss) && sub.endsWith(value.slice(1));
    return (wantIss === '*' ? present(iss) : iss.endsWith(wantIss.slice(1))) && sub === wantSub;
  }
  if (value.endsWith('*')) {
    if (slash < 0) return iss.startsWith(value.slice(0, -1)) && present(sub);
    return iss === wantIss && (wantSub === '*' ? present(sub) : sub.startsWith(wantSub.slice(0, -1)));
  }
  return iss === wantIss && sub === wantSub;
}

// Whether a `source` matches.
export function matchesSource(source: any, a: RequestAttributes, policyNamespace: string): boolean {
  const ns = a.principal ? namespaceOfPrincipal(a.principal) : undefined;
  return (
    field(source.principals, source.notPrincipals, (p) => matchesAnyIstioString([p], a.principal)) &&
    field(source.namespaces, source.notNamespaces, (p) => (a.envoy ? matchesEnvoyNamespace(p, a.principal) : matchesAnyIstioString([p], ns))) &&
    field(source.serviceAccounts, source.notServiceAccounts, (p) =>
      matchesServiceAccount(p, a.principal, policyNamespace),
    ) &&
    field(source.ipBlocks, source.notIpBlocks, (b) => ipInBlock(a.sourceIp, b)) &&
    field(source.remoteIpBlocks, source.notRemoteIpBlocks, (b) => ipInBlock(remoteIpOf(a), b)) &&
    field(source.requestPrincipals, source.notRequestPrincipals, (p) => a.http?.requestPrincipal !== undefined && matchesRequestPrincipal(p, a.http.claims))
  );
}

// Whether an `operation` matches.
export function matchesOperation(op: any, a: RequestAttributes): boolean {
  const port = String(a.destinationPort);
  return (
    field(op.ports, op.notPorts, (p) => p === port) &&
    field(op.hosts, op.notHosts, (h) => matchesAnyIstioString([h], a.http?.host, true)) &&
    field(op.methods, op.notMethods, (m) => matchesAnyIstioString([m], a.http?.method)) &&
    field(op.paths, op.notPaths, (p) => a.http !== undefined && matchesPath(p, a.http.path))
  );
}

function claimValues(claims: Record<string, unknown> | undefined, key: string): string[] {
  // request.auth.claims[a][b] walks nested claims; a list claim matches any of its elements.
  const names = [...key.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1] ?? '');
  let value: unknown = claims;
  for (const name of names) {
    if (value === null || typeof value !== 'object') return [];
    value = (value as Record<string, unknown>)[name];
  }
  // Only strings match: istiod builds a string matcher OR'd with a list-of-strings matcher, and Envoy's string
  // matcher never matches a number or a boolean (pilot/pkg/security/authz/matcher/metadata.go; istio/istio#39703).
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' ? [value] : [];
}

// The values a `when` key takes for this request (empty when absent).
export function conditionValues(key: string, a: RequestAttributes, _policyNamespace: string): string[] {
  const h = a.http;
  if (key.startsWith('request.headers[')) {
    const v = h?.headers[key.slice(16, -1).toLowerCase()];
    return v === undefined ? [] : [v];
  }
  if (key.startsWith('request.auth.claims['))
    return claimValues(h?.claims, key.slice('request.auth.claims'.length));
  switch (key) {
    case 'source.ip':
      return a.sourceIp ? [a.sourceIp] : [];
    case 'remote.ip': {
      const remote = remoteIpOf(a);
      return remote ? [remote] : [];
    }
    case 'source.namespace':
      return a.principal ? [namespaceOfPrincipal(a.principal)] : [];
    case 'source.principal':
      return a.principal ? [a.principal] : [];
    case 'source.serviceAccount':
      return a.principal
        ? [`${namespaceOfPrincipal(a.principal)}/${serviceAccountOfPrincipal(a.principal)}`]
        : [];
    case 'request.auth.principal':
      return h?.requestPrincipal ? [h.requestPrincipal] : [];
    case 'request.auth.audiences':
      return claimValues(h?.claims, '[aud]');
    case 'request.auth.presenter':
      return claimValues(h?.claims, '[azp]');
    case 'destination.ip':
      return a.destinationIp ? [a.destinationIp] : [];
    case 'destination.port':
      return [String(a.destinationPort)];
    default:
      return []; // connection.sni and experimental.* are never set for plain HTTP
  }
}

function matchesConditionValue(
  key: string,
  pattern: string,
  actual: string,
  policyNamespace: string,
): boolean {
  if (key === 'source.ip' || key === 'remote.ip' || key === 'destination.ip')
    return ipInBlock(actual, pattern);
  if (key === 'destination.port') return pattern === actual;
  if (key === 'source.serviceAccount') {
    return (pattern.includes('/') ? pattern : `${policyNamespace}/${pattern}`) === actual;
  }
  return matchesAnyIstioString([pattern], actual, false);
}

// Whether one `when` condition holds.
export function matchesCondition(cond: any, a: RequestAttributes, policyNamespace: string): boolean {
  if (cond.key === 'request.auth.principal') {
    const verified = a.http?.requestPrincipal !== undefined;
    return field(cond.values, cond.notValues, (p) => verified && matchesRequestPrincipal(p, a.http?.claims));
  }
  const actual = conditionValues(cond.key, a, policyNamespace);
  const test = (p: string): boolean =>
    actual.some((v) => matchesConditionValue(cond.key, p, v, policyNamespace));
  return field(cond.values, cond.notValues, test);
}

// Whether a whole rule matches (an empty rule {} matches everything).
export function matchesRule(rule: any, a: RequestAttributes, policyNamespace: string): boolean {
  if (!rule) return false;
  const from = (rule.from ?? []) as any[];
  const to = (rule.to ?? []) as any[];
  const when = (rule.when ?? []) as any[];
  if (from.length > 0 && !from.some((f) => f?.source && matchesSource(f.source, a, policyNamespace)))
    return false;
  if (to.length > 0 && !to.some((t) => t?.operation && matchesOperation(t.operation, a))) return false;
  return when.every((c) => matchesCondition(c, a, policyNamespace));
}
