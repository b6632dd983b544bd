// AuthorizationPolicy as an Envoy proxy (sidecar or waypoint) enforces it: CUSTOM, then DENY, then ALLOW.
// Istio: pilot/pkg/security/authz/builder/builder.go — AUDIT only logs; a CUSTOM policy whose extension provider is
// undefined becomes a deny of the requests its rules match; a policy with no rules never matches; istio.io/dry-run
// policies are shadow rules (logged, not enforced).
import { matchesRule, type RequestAttributes } from './authorization-match.ts';
import { isDryRun } from './policy-attachment.ts';
import type { KubeObject, TraceEntry } from './types.ts';

const BUILDER = 'pilot/pkg/security/authz/builder/builder.go';

// The decision of one Envoy RBAC evaluation, with trace lines explaining it.
export interface AuthorizationDecision {
  allowed: boolean;
  trace: TraceEntry[];
}

function firstMatchingRule(policy: KubeObject, a: RequestAttributes): number | undefined {
  const rules = (policy.spec?.rules ?? []) as any[];
  const ns = policy.metadata.namespace ?? 'default';
  for (let i = 0; i < rules.length; i++) if (matchesRule(rules[i], a, ns)) return i;
  return undefined;
}

function ref(policy: KubeObject, rule?: number): TraceEntry['policy'] {
  const out: NonNullable<TraceEntry['policy']> = {
    kind: 'AuthorizationPolicy',
    namespace: policy.metadata.namespace ?? 'default',
    name: policy.metadata.name,
  };
  if (rule !== undefined) out.rule = rule;
  return out;
}

function actionOf(policy: KubeObject): string {
  return (policy.spec?.action as string | undefined) ?? 'ALLOW';
}

// Evaluate the policies that reach one Envoy against a request.
export function evaluateEnvoyAuthorization(options: {
  policies: readonly KubeObject[];
  attributes: RequestAttributes;
  hop: 'sidecar' | 'waypoint';
  where: string;
}): AuthorizationDecision {
  const { policies, attributes, hop, where } = options;
  const trace: TraceEntry[] = [];
  const enforced = policies.filter((p) => {
    if (!isDryRun(p)) return true;
    const rule = firstMatchingRule(p, attributes);
    const would = rule !== undefined ? `would match rule ${rule}` : 'would not match';
    trace.push({
      hop,
      where,
      verdict: 'info',
      policy: ref(p, rule),
      source: BUILDER,
      message: `${actionOf(p)} policy ${p.metadata.namespace}/${p.metadata.name} is in dry-run (istio.io/dry-run): it ${would}, which is only logged, never enforced.`,
    });
    return false;
  });
  for (const p of enforced.filter((x) => actionOf(x) === 'CUSTOM')) {
    const rule = firstMatchingRule(p, attributes);
    if (rule === undefined) continue;
    trace.push({
      hop,
      where,
      verdict: 'deny',
      policy: ref(p, rule),
      source: BUILDER,
      message: `CUSTOM policy ${p.metadata.namespace}/${p.metadata.name} matched, and its extension provider "${p.spec?.provider?.name ?? ''}" is not defined in the mesh config, so istiod generated a deny for the requests it matches: 403.`,
    });
    return { allowed: false, trace };
  }
  for (const p of enforced.filter((x) => actionOf(x) === 'DENY')) {
    const rule = firstMatchingRule(p, attributes);
    if (rule === undefined) continue;
    trace.push({
      hop,
      where,
      verdict: 'deny',
      policy: ref(p, rule),
      source: BUILDER,
      message: `DENY policy ${p.metadata.namespace}/${p.metadata.name} rule ${rule} matches this request, so the ${hop} answers 403 RBAC: access denied.`,
    });
    return { allowed: false, trace };
  }
  const allows = enforced.filter((x) => actionOf(x) === 'ALLOW');
  if (allows.length === 0) {
    trace.push({
      hop,
      where,
      verdict: 'allow',
      source: BUILDER,
      message: `No ALLOW policy applies at the ${hop}, and no DENY matched: allowed.`,
    });
    return { allowed: true, trace };
  }
  for (const p of allows) {
    const rule = firstMatchingRule(p, attributes);
    if (rule === undefined) continue;
    trace.push({
      hop,
      where,
      verdict: 'allow',
      policy: ref(p, rule),
      source: BUILDER,
      message: `ALLOW policy ${p.metadata.namespace}/${p.metadata.name} rule ${rule} matches this request: allowed.`,
    });
    return { allowed: true, trace };
  }
  const names = allows.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).join(', ');
  trace.push({
    hop,
    where,
    verdict: 'deny',
    policy: ref(allows[0]!),
    source: BUILDER,
    message: `ALLOW policies apply at the ${hop} (${names}) but none of their rules matches this request, so it is denied: 403 RBAC: access denied.`,
  });
  return { allowed: false, trace };
}
