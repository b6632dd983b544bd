// The fields of an AuthorizationPolicy rule that need HTTP, as each L4 enforcer judges them.
// Istio: pilot/pkg/serviceregistry/ambient/authorization.go (httpOperations, httpSources, l4WhenAttributes) for
// ztunnel; pilot/pkg/security/authz/model/generator.go (the generators that fail with "is HTTP only" when forTCP)
// for an Envoy's TCP filter chain. Both agree on operations and request principals; they differ on remote IPs
// (Envoy's network RBAC matches them, ztunnel cannot) and on `when` keys (ztunnel knows five L4 keys; Envoy refuses
// only the request.* ones).

// Who enforces the rule without HTTP: ztunnel, or an Envoy network RBAC filter on a TCP port.
export type L4Enforcer = 'ztunnel' | 'envoy-tcp';

export const HTTP_OPERATION_FIELDS = ['hosts', 'notHosts', 'methods', 'notMethods', 'paths', 'notPaths'] as const;
const REQUEST_PRINCIPAL_FIELDS = ['requestPrincipals', 'notRequestPrincipals'] as const;
const REMOTE_IP_FIELDS = ['remoteIpBlocks', 'notRemoteIpBlocks'] as const;

const ZTUNNEL_WHEN = new Set([
  'source.ip',
  'source.namespace',
  'source.principal',
  'destination.ip',
  'destination.port',
]);

function list(v: unknown): any[] {
  return Array.isArray(v) ? v : [];
}

// The source fields the enforcer cannot evaluate.
export function httpSourceFields(enforcer: L4Enforcer): readonly string[] {
  return enforcer === 'ztunnel' ? [...REMOTE_IP_FIELDS, ...REQUEST_PRINCIPAL_FIELDS] : REQUEST_PRINCIPAL_FIELDS;
}

// Whether a `when` key needs HTTP for the enforcer.
export function isHttpWhenKey(key: string, enforcer: L4Enforcer): boolean {
  return enforcer === 'ztunnel' ? !ZTUNNEL_WHEN.has(key) : key.startsWith('request.');
}

// The HTTP-only fields a rule uses (field names, and `when` keys), in rule order, repeats kept.
export function httpOnlyFieldsOf(rule: any, enforcer: L4Enforcer): string[] {
  const found: string[] = [];
  for (const to of list(rule?.to))
    for (const f of HTTP_OPERATION_FIELDS) if (list(to?.operation?.[f]).length) found.push(f);
  const sourceFields = httpSourceFields(enforcer);
  for (const from of list(rule?.from))
    for (const f of sourceFields) if (list(from?.source?.[f]).length) found.push(f);
  for (const when of list(rule?.when)) if (isHttpWhenKey(String(when?.key), enforcer)) found.push(when?.key);
  return found;
}
