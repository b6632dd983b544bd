// HTTP fields in a policy ztunnel enforces (selector or namespace-wide, no targetRefs) in an ambient mesh.
// Istio: pilot/pkg/serviceregistry/kube/controller/ambient/authorization.go (handleRule) and ztunnel src/rbac.rs —
// an ALLOW rule with any HTTP field is dropped whole; in a DENY rule the HTTP fields are removed, and a `to`,
// `from` or `when` clause left with nothing in it never matches, so the rule does nothing.
import type { LintContext, LintDocument, LintObject, LintRule, RuleFinding } from '../types.ts';
import {
  hasL4Field,
  httpFieldsOfRule,
  isIstioPolicy,
  isL4WhenKey,
  listOf,
  namespaceOf,
  targetRefsOf,
} from './policy-fields.ts';

const FIX =
  'attach the policy to a waypoint with targetRefs, or keep only principals, namespaces, ipBlocks and ports';

// Whether workloads of the namespace get sidecars rather than ztunnel, as far as the documents say.
export function isSidecarNamespace(ns: string, ctx: LintContext): boolean {
  const doc = ctx.documents.find((d) => d.object.kind === 'Namespace' && d.object.metadata.name === ns);
  const labels = doc?.object.metadata.labels ?? {};
  return (
    labels['istio-injection'] === 'enabled' ||
    (labels['istio.io/rev'] !== undefined && labels['istio.io/dataplane-mode'] !== 'ambient')
  );
}

function isEnforcedByZtunnel(obj: LintObject, ctx: LintContext): boolean {
  if (!isIstioPolicy(obj, 'AuthorizationPolicy') || ctx.profile !== 'ambient') return false;
  if (targetRefsOf(obj).length > 0) return false;
  if (
    obj.metadata.annotations &&
    (obj.metadata.annotations as Record<string, string>)['istio.io/dry-run'] === 'true'
  )
    return false;
  const action = obj.spec?.action ?? 'ALLOW';
  return (action === 'ALLOW' || action === 'DENY') && !isSidecarNamespace(namespaceOf(obj), ctx);
}

// Whether ztunnel's version of a DENY rule can never match (a clause emptied of its HTTP fields).
function isDenyRuleVoid(rule: any): boolean {
  if (listOf(rule?.when).some((w) => !isL4WhenKey(w?.key))) return true;
  const to = listOf(rule?.to);
  const from = listOf(rule?.from);
  if (to.length > 0 && !to.some((t) => hasL4Field(t, 'to'))) return true;
  return from.length > 0 && !from.some((f) => hasL4Field(f, 'from'));
}

function checkRule(rule: any, i: number, action: string): RuleFinding | undefined {
  const fields = httpFieldsOfRule(rule);
  if (fields.length === 0) return undefined;
  const names = [...new Set(fields.map((f) => f.name))].join(', ');
  const path = ['spec', 'rules', i, ...fields[0]!.path];
  if (action === 'ALLOW') {
    return {
      rule: 'ztunnel-drops-l7-allow',
      severity: 'warning',
      path,
      target: 'key',
      message: `ztunnel cannot see ${names} and drops ALLOW rule ${i} whole, its L4 fields included: the rule allows nothing`,
      fix: FIX,
    };
  }
  if (isDenyRuleVoid(rule)) {
    return {
      rule: 'ztunnel-ignores-l7-deny',
      severity: 'warning',
      path,
      target: 'key',
      message: `ztunnel cannot see ${names}; without them DENY rule ${i} can never match, so it denies nothing`,
      fix: FIX,
    };
  }
  return {
    rule: 'ztunnel-ignores-l7-deny',
    severity: 'warning',
    path,
    target: 'key',
    message: `ztunnel cannot see ${names} and enforces DENY rule ${i} without them: it denies more than written`,
    fix: FIX,
  };
}

export const ztunnelL7Rule: LintRule = {
  id: 'ztunnel-l7',
  check(doc: LintDocument, ctx: LintContext): RuleFinding[] {
    const obj = doc.object;
    if (!isEnforcedByZtunnel(obj, ctx)) return [];
    const action = obj.spec?.action ?? 'ALLOW';
    return listOf(obj.spec?.rules).flatMap((rule, i) => checkRule(rule, i, action) ?? []);
  },
};
