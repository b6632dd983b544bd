// AuthorizationPolicy as istiod converts it for ztunnel, and ztunnel's matching of that form.
// Istio: pilot/pkg/serviceregistry/kube/controller/ambient/authorization.go (convertAuthorizationPolicy, handleRule)
// and ztunnel src/rbac.rs (Authorization::matches).
import { ipInBlock, matchesAnyIstioString } from './string-match.ts';
import type { KubeObject } from './types.ts';
import { namespaceOfPrincipal, serviceAccountOfPrincipal } from './workload.ts';

// One match: "any positive AND none negative" per field; a match with no field set never matches (rbac.rs).
export interface ZtunnelMatch {
  namespaces?: string[];
  notNamespaces?: string[];
  principals?: string[];
  notPrincipals?: string[];
  serviceAccounts?: Array<{ namespace: string; name: string }>;
  notServiceAccounts?: Array<{ namespace: string; name: string }>;
  sourceIps?: string[];
  notSourceIps?: string[];
  destinationIps?: string[];
  notDestinationIps?: string[];
  destinationPorts?: number[];
  notDestinationPorts?: number[];
}

// A rule (istiod calls it a Group) is a list of clauses, all of which must hold; a clause holds when any match does.
export type ZtunnelRule = ZtunnelMatch[][];

export interface ZtunnelPolicy {
  name: string;
  namespace: string;
  action: 'ALLOW' | 'DENY';
  rules: ZtunnelRule[];
  // The object the policy came from (an AuthorizationPolicy, or the PeerAuthentication for converted ones).
  origin: { kind: string; namespace: string; name: string };
  // Index into spec.rules of the original policy for each converted rule (-1 for synthetic rules).
  ruleIndex: number[];
}

// The connection as the destination ztunnel sees it.
export interface ZtunnelConnection {
  principal: string | undefined;
  sourceIp: string | undefined;
  destinationIp: string | undefined;
  destinationPort: number;
}

const L4_WHEN = new Set(['source.ip', 'source.namespace', 'source.principal', 'destination.ip', 'destination.port']);

function list(v: unknown): string[] {
  return Array.isArray(v) ? (v as string[]) : [];
}

function serviceAccounts(values: string[], ns: string): Array<{ namespace: string; name: string }> {
  return values.map((v) => (v.includes('/') ? { namespace: v.split('/')[0]!, name: v.split('/')[1]! } : { namespace: ns, name: v }));
}

// The HTTP-only fields of a source or operation, as istiod names them in the status message.
export function httpFieldsOfRule(rule: any): string[] {
  const found: string[] = [];
  for (const to of list(rule?.to) as any[]) {
    for (const f of ['hosts', 'notHosts', 'methods', 'notMethods', 'paths', 'notPaths']) if (list(to?.operation?.[f]).length) found.push(f);
  }
  for (const from of list(rule?.from) as any[]) {
    for (const f of ['remoteIpBlocks', 'notRemoteIpBlocks', 'requestPrincipals', 'notRequestPrincipals'])
      if (list(from?.source?.[f]).length) found.push(f);
  }
  for (const when of list(rule?.when) as any[]) if (!L4_WHEN.has(when?.key)) found.push(when?.key);
  return found;
}

function whenMatch(cond: any): ZtunnelMatch {
  const k = cond.key as string;
  const v = list(cond.values);
  const n = list(cond.notValues);
  const m: ZtunnelMatch = {};
  if (k === 'source.namespace') Object.assign(m, { namespaces: v, notNamespaces: n });
  if (k === 'source.principal') Object.assign(m, { principals: v, notPrincipals: n });
  if (k === 'source.ip') Object.assign(m, { sourceIps: v, notSourceIps: n });
  if (k === 'destination.ip') Object.assign(m, { destinationIps: v, notDestinationIps: n });
  if (k === 'destination.port') Object.assign(m, { destinationPorts: v.map(Number), notDestinationPorts: n.map(Number) });
  return m;
}

// Convert one rule: ALLOW rules with any HTTP field are dropped whole (undefined); DENY rules keep their L4 parts,
// and a clause emptied of its HTTP fields never matches.
export function convertRule(action: 'ALLOW' | 'DENY', rule: any, ns: string): ZtunnelRule | undefined {
  if (action === 'ALLOW' && httpFieldsOfRule(rule).length > 0) return undefined;
  const clauses: ZtunnelRule = [];
  const to = list(rule?.to) as any[];
  const from = list(rule?.from) as any[];
  if (to.length) {
    clauses.push(to.map((t) => ({ destinationPorts: list(t?.operation?.ports).map(Number), notDestinationPorts: list(t?.operation?.notPorts).map(Number) })));
  }
  if (from.length) {
    clauses.push(
      from.map((f) => {
        const s = f?.source ?? {};
        return {
          sourceIps: list(s.ipBlocks), notSourceIps: list(s.notIpBlocks),
          namespaces: list(s.namespaces), notNamespaces: list(s.notNamespaces),
          serviceAccounts: serviceAccounts(list(s.serviceAccounts), ns), notServiceAccounts: serviceAccounts(list(s.notServiceAccounts), ns),
          principals: list(s.principals), notPrincipals: list(s.notPrincipals),
        };
      }),
    );
  }
  for (const cond of list(rule?.when)) clauses.push([whenMatch(cond)]);
  return clauses;
}

// Convert an ALLOW or DENY AuthorizationPolicy (callers drop targetRefs, CUSTOM, AUDIT and dry-run first).
export function convertAuthorizationPolicy(policy: KubeObject): ZtunnelPolicy {
  const action = policy.spec?.action === 'DENY' ? 'DENY' : 'ALLOW';
  const ns = policy.metadata.namespace ?? 'default';
  const rules: ZtunnelRule[] = [];
  const ruleIndex: number[] = [];
  (list(policy.spec?.rules) as any[]).forEach((rule, i) => {
    const converted = convertRule(action, rule, ns);
    if (converted) {
      rules.push(converted);
      ruleIndex.push(i);
    }
  });
  return { name: policy.metadata.name, namespace: ns, action, rules, ruleIndex, origin: { kind: 'AuthorizationPolicy', namespace: ns, name: policy.metadata.name } };
}

function isEmptyMatch(m: ZtunnelMatch): boolean {
  return Object.values(m).every((v) => !Array.isArray(v) || v.length === 0);
}

function field<T>(pos: T[] | undefined, neg: T[] | undefined, test: (x: T) => boolean): boolean {
  if (pos && pos.length > 0 && !pos.some(test)) return false;
  if (neg && neg.length > 0 && neg.some(test)) return false;
  return true;
}

function matchesOne(m: ZtunnelMatch, c: ZtunnelConnection): boolean {
  const ns = c.principal ? namespaceOfPrincipal(c.principal) : '';
  const sa = serviceAccountOfPrincipal(c.principal);
  const saTest = (x: { namespace: string; name: string }): boolean => c.principal !== undefined && x.namespace === ns && x.name === sa;
  return (
    field(m.destinationIps, m.notDestinationIps, (b) => ipInBlock(c.destinationIp, b)) &&
    field(m.sourceIps, m.notSourceIps, (b) => ipInBlock(c.sourceIp, b)) &&
    field(m.destinationPorts, m.notDestinationPorts, (p) => p === c.destinationPort) &&
    field(m.principals, m.notPrincipals, (p) => matchesAnyIstioString([p], c.principal)) &&
    field(m.namespaces, m.notNamespaces, (p) => matchesAnyIstioString([p], ns)) &&
    field(m.serviceAccounts, m.notServiceAccounts, saTest)
  );
}

// The index of the first rule of the policy that matches the connection, or undefined.
export function matchZtunnelPolicy(policy: ZtunnelPolicy, c: ZtunnelConnection): number | undefined {
  for (let i = 0; i < policy.rules.length; i++) {
    const rule = policy.rules[i]!;
    const ok = rule.every((clause) => clause.some((m) => !isEmptyMatch(m) && matchesOne(m, c)));
    if (ok) return i;
  }
  return undefined;
}
