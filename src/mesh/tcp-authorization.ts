// AuthorizationPolicy rules as istiod builds them for an Envoy's TCP filter chain (the network RBAC filter of a
// sidecar or waypoint on a port declared TCP). Istio: pilot/pkg/security/authz/model/model.go (Generate with
// forTCP, checkError) and pilot/pkg/security/authz/builder/builder.go (BuildTCP) — a rule whose HTTP-only field fails
// to generate is skipped in an ALLOW policy, so it can never allow; in DENY, AUDIT and CUSTOM policies the failing
// values are ignored and the rest of the rule stays, so it matches more broadly (an operation left with no field
// matches every connection). CUSTOM rules are built as DENY rules (builder.go build with RBAC_DENY).
import { HTTP_OPERATION_FIELDS, httpOnlyFieldsOf, httpSourceFields, isHttpWhenKey } from './http-fields.ts';
import type { KubeObject } from './types.ts';

export const TCP_RULES_SOURCE = 'pilot/pkg/security/authz/model/model.go';

// One rule as the network RBAC filter has it, with its index in spec.rules.
export interface TcpRule {
  index: number;
  rule: any;
}

// The rules of one policy on a TCP port, and what istiod changed.
export interface TcpRules {
  rules: TcpRule[];
  skipped: Array<{ index: number; fields: string[] }>; // ALLOW rules dropped for their HTTP-only fields
  widened: Array<{ index: number; fields: string[] }>; // DENY/AUDIT/CUSTOM rules with those fields removed
}

function withoutKeys(obj: any, keys: readonly string[]): any {
  if (obj === null || typeof obj !== 'object') return obj;
  const out: Record<string, unknown> = { ...obj };
  for (const k of keys) delete out[k];
  return out;
}

// The rule with its HTTP-only parts removed, as the generators leave it when their errors are ignored.
function withoutHttpOnlyFields(rule: any): any {
  const out: Record<string, unknown> = { ...rule };
  if (Array.isArray(rule?.to))
    out.to = (rule.to as any[]).map((t) => ({ ...t, operation: withoutKeys(t?.operation, HTTP_OPERATION_FIELDS) }));
  if (Array.isArray(rule?.from))
    out.from = (rule.from as any[]).map((f) => ({
      ...f,
      source: withoutKeys(f?.source, httpSourceFields('envoy-tcp')),
    }));
  if (Array.isArray(rule?.when))
    out.when = (rule.when as any[]).filter((c) => !isHttpWhenKey(String(c?.key), 'envoy-tcp'));
  return out;
}

// The rules of a policy as an Envoy enforces them on a TCP port.
export function tcpRulesOf(policy: KubeObject): TcpRules {
  const action = (policy.spec?.action as string | undefined) ?? 'ALLOW';
  const out: TcpRules = { rules: [], skipped: [], widened: [] };
  ((policy.spec?.rules ?? []) as any[]).forEach((rule, index) => {
    const fields = [...new Set(httpOnlyFieldsOf(rule, 'envoy-tcp'))];
    if (fields.length === 0) out.rules.push({ index, rule });
    else if (action === 'ALLOW') out.skipped.push({ index, fields });
    else {
      out.widened.push({ index, fields });
      out.rules.push({ index, rule: withoutHttpOnlyFields(rule) });
    }
  });
  return out;
}
