// Which AuthorizationPolicy fields only an HTTP proxy can see, and small readers over policy documents.
// Istio: pilot/pkg/serviceregistry/kube/controller/ambient/authorization.go (handleRule) — ztunnel takes
// principals, namespaces, serviceAccounts, ipBlocks and ports; hosts, methods, paths, remoteIpBlocks,
// requestPrincipals and every `when` key but source.ip/namespace/principal and destination.ip/port are HTTP.
import type { PathSegment } from '../../lab/index.ts';
import type { LintObject } from '../types.ts';

export const HTTP_OPERATION_FIELDS = [
  'hosts',
  'notHosts',
  'methods',
  'notMethods',
  'paths',
  'notPaths',
] as const;
export const HTTP_SOURCE_FIELDS = [
  'remoteIpBlocks',
  'notRemoteIpBlocks',
  'requestPrincipals',
  'notRequestPrincipals',
] as const;
export const L4_SOURCE_FIELDS = [
  'principals',
  'notPrincipals',
  'namespaces',
  'notNamespaces',
  'serviceAccounts',
  'notServiceAccounts',
  'ipBlocks',
  'notIpBlocks',
] as const;
export const L4_OPERATION_FIELDS = ['ports', 'notPorts'] as const;
const L4_WHEN_KEYS = new Set([
  'source.ip',
  'source.namespace',
  'source.principal',
  'destination.ip',
  'destination.port',
]);

// Whether a `when` key is one ztunnel can evaluate.
export function isL4WhenKey(key: unknown): boolean {
  return typeof key === 'string' && L4_WHEN_KEYS.has(key);
}

// A YAML list as an array; anything else as an empty one.
export function listOf(value: unknown): any[] {
  return Array.isArray(value) ? value : [];
}

function isSet(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0;
}

// The HTTP fields of one rule, each with its path inside the rule.
export function httpFieldsOfRule(rule: any): Array<{ name: string; path: PathSegment[] }> {
  const found: Array<{ name: string; path: PathSegment[] }> = [];
  listOf(rule?.to).forEach((to, j) => {
    for (const f of HTTP_OPERATION_FIELDS)
      if (isSet(to?.operation?.[f])) found.push({ name: f, path: ['to', j, 'operation', f] });
  });
  listOf(rule?.from).forEach((from, j) => {
    for (const f of HTTP_SOURCE_FIELDS)
      if (isSet(from?.source?.[f])) found.push({ name: f, path: ['from', j, 'source', f] });
  });
  listOf(rule?.when).forEach((when, j) => {
    if (!isL4WhenKey(when?.key)) found.push({ name: String(when?.key), path: ['when', j, 'key'] });
  });
  return found;
}

// Whether one `to` operation or `from` source has any field ztunnel keeps.
export function hasL4Field(entry: any, kind: 'to' | 'from'): boolean {
  const inner = kind === 'to' ? entry?.operation : entry?.source;
  const fields = kind === 'to' ? L4_OPERATION_FIELDS : L4_SOURCE_FIELDS;
  return fields.some((f) => isSet(inner?.[f]));
}

// Whether the object is an Istio security policy of the given kind.
export function isIstioPolicy(obj: LintObject, kind: string): boolean {
  return obj.kind === kind && obj.apiVersion.startsWith('security.istio.io/');
}

// The targetRefs of a policy, the deprecated singular targetRef included, with their paths.
export function targetRefsOf(
  obj: LintObject,
): Array<{ group: string; kind: string; name: string; path: PathSegment[] }> {
  const refs = listOf(obj.spec?.targetRefs).map((r, i) => ({
    r,
    path: ['spec', 'targetRefs', i] as PathSegment[],
  }));
  if (obj.spec?.targetRef) refs.push({ r: obj.spec.targetRef, path: ['spec', 'targetRef'] });
  return refs.map(({ r, path }) => ({
    group: String(r?.group ?? ''),
    kind: String(r?.kind ?? ''),
    name: String(r?.name ?? ''),
    path,
  }));
}

// The namespace of a namespaced object, default when the manifest leaves it out.
export function namespaceOf(obj: LintObject): string {
  return obj.metadata.namespace ?? 'default';
}
