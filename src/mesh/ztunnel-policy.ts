// AuthorizationPolicy as istiod converts it for ztunnel, and ztunnel's matching of that form.
// Istio: pilot/pkg/serviceregistry/kube/controller/ambient/authorization.go (convertAuthorizationPolicy, handleRule)
// and ztunnel src/rbac.rs (Authorization::matches).
import { httpOnlyFieldsOf } from './http-fields.ts';
import { ipInBlock, matchesIstioString } from './string-match.ts';
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
  // Filled on first use: whether no field is set.
  empty?: boolean;
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

function list(v: unknown): string[] {
  return Array.isArray(v) ? (v as string[]) : [];
}

function serviceAccounts(values: string[], ns: string): Array<{ namespace: string; name: string }> {
  return values.map((v) =>
    v.includes('/') ? { namespace: v.split('/')[0]!, name: v.split('/')[1]! } : { namespace: ns, name: v },
  );
}

// The HTTP-only fields of a source or operation, as istiod names them in the status message.
export function httpFieldsOfRule(rule: any): string[] {
  return httpOnlyFieldsOf(rule, 'ztunnel');
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
  if (k === 'destination.port')
    Object.assign(m, { destinationPorts: v.map(Number), notDestinationPorts: n.map(Number) });
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
    clauses.push(
      to.map((t) => ({
        destinationPorts: list(t?.operation?.ports).map(Number),
        notDestinationPorts: list(t?.operation?.notPorts).map(Number),
      })),
    );
  }
  if (from.length) {
    clauses.push(
      from.map((f) => {
        const s = f?.source ?? {};
        return {
          sourceIps: list(s.ipBlocks),
          notSourceIps: list(s.notIpBlocks),
          namespaces: list(s.namespaces),
          notNamespaces: list(s.notNamespaces),
          serviceAccounts: serviceAccounts(list(s.serviceAccounts), ns),
          notServiceAccounts: serviceAccounts(list(s.notServiceAccounts), ns),
          principals: list(s.principals),
          notPrincipals: list(s.notPrincipals),
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
  return {
    name: policy.metadata.name,
    namespace: ns,
    action,
    rules,
    ruleIndex,
    origin: { kind: 'AuthorizationPolicy', namespace: ns, name: policy.metadata.name },
  };
}

function isEmptyMatch(m: ZtunnelMatch): boolean {
  if (m.empty === undefined) {
    let empty = true;
    for (const key in m) {
      const v = (m as Record<string, unknown>)[key];
      if (Array.isArray(v) && v.length > 0) empty = false;
    }
    m.empty = empty;
  }
  return m.empty;
}

// The facts about a connection every match reads, computed once per connection.
interface Facts {
  c: ZtunnelConnection;
  ns: string;
  sa: string;
}

type Kind = 'dstIp' | 'srcIp' | 'port' | 'principal' | 'namespace' | 'sa';

function test(kind: Kind, x: unknown, f: Facts): boolean {
  switch (kind) {
    case 'dstIp':
      return ipInBlock(f.c.destinationIp, x as string);
    case 'srcIp':
      return ipInBlock(f.c.sourceIp, x as string);
    case 'port':
      return x === f.c.destinationPort;
    case 'principal':
      return matchesIstioString(x as string, f.c.principal);
    case 'namespace':
      return matchesIstioString(x as string, f.ns);
    case 'sa': {
      const s = x as { namespace: string; name: string };
      return f.c.principal !== undefined && s.namespace === f.ns && s.name === f.sa;
    }
  }
}

function any(list: readonly unknown[], kind: Kind, f: Facts): boolean {
  for (const x of list) if (test(kind, x, f)) return true;
  return false;
}

// "any positive AND none negative"; an unset list does not constrain.
function field(
  pos: readonly unknown[] | undefined,
  neg: readonly unknown[] | undefined,
  kind: Kind,
  f: Facts,
): boolean {
  if (pos !== undefined && pos.length > 0 && !any(pos, kind, f)) return false;
  if (neg !== undefined && neg.length > 0 && any(neg, kind, f)) return false;
  return true;
}

function matchesOne(m: ZtunnelMatch, f: Facts): boolean {
  return (
    field(m.destinationIps, m.notDestinationIps, 'dstIp', f) &&
    field(m.sourceIps, m.notSourceIps, 'srcIp', f) &&
    field(m.destinationPorts, m.notDestinationPorts, 'port', f) &&
    field(m.principals, m.notPrincipals, 'principal', f) &&
    field(m.namespaces, m.notNamespaces, 'namespace', f) &&
    field(m.serviceAccounts, m.notServiceAccounts, 'sa', f)
  );
}

function clauseMatches(clause: ZtunnelMatch[], f: Facts): boolean {
  for (const m of clause) if (!isEmptyMatch(m) && matchesOne(m, f)) return true;
  return false;
}

// The index of the first rule of the policy that matches the connection, or undefined.
export function matchZtunnelPolicy(policy: ZtunnelPolicy, c: ZtunnelConnection): number | undefined {
  const f: Facts = {
    c,
    ns: c.principal ? namespaceOfPrincipal(c.principal) : '',
    sa: serviceAccountOfPrincipal(c.principal),
  };
  for (let i = 0; i < policy.rules.length; i++) {
    let ok = true;
    for (const clause of policy.rules[i]!) {
      if (!clauseMatches(clause, f)) {
        ok = false;
        break;
      }
    }
    if (ok) return i;
  }
  return undefined;
}
