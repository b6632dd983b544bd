// AuthorizationPolicy as an Envoy proxy (sidecar or waypoint) enforces it: CUSTOM, then DENY, then ALLOW.
// Istio: pilot/pkg/security/authz/builder/builder.go — AUDIT only logs; a CUSTOM policy whose extension provider is
// undefined becomes a deny of the requests its rules match; a policy with no rules never matches; istio.io/dry-run
// policies are shadow rules (logged, not enforced). On a TCP port the same order holds in the network RBAC filter,
// over the rules as tcp-authorization.ts shapes them.
import { matchesRule, type RequestAttributes } from './authorization-match.ts';
import { isDryRun } from './policy-attachment.ts';
import { tcpRulesOf, TCP_RULES_SOURCE, type TcpRule } from './tcp-authorization.ts';
import type { KubeObject, TraceEntry } from './types.ts';

const BUILDER = 'pilot/pkg/security/authz/builder/builder.go';

// What the Envoy parses on this port: HTTP (connection manager, RBAC HTTP filter) or opaque TCP (network RBAC).
export type EnvoyTransport = 'http' | 'tcp';

// The decision of one Envoy RBAC evaluation, with trace lines explaining it.
export interface AuthorizationDecision {
  allowed: boolean;
  trace: TraceEntry[];
}

// The rules one policy has at this Envoy, with their spec.rules indices (every rule when HTTP is parsed).
type RuleSource = (policy: KubeObject) => readonly TcpRule[];

function httpRules(policy: KubeObject): TcpRule[] {
  return ((policy.spec?.rules ?? []) as any[]).map((rule, index) => ({ index, rule }));
}

function firstMatchingRule(policy: KubeObject, a: RequestAttributes, rulesOf: RuleSource): number | undefined {
  const ns = policy.metadata.namespace ?? 'default';
  for (const { index, rule } of rulesOf(policy)) if (matchesRule(rule, a, ns)) return index;
  return undefined;
}

// Trace lines for the rules istiod skipped or widened on a TCP filter chain; returns the rules to match.
function tcpRuleSource(
  policies: readonly KubeObject[],
  options: { hop: 'sidecar' | 'waypoint'; where: string; trace: TraceEntry[] },
): RuleSource {
  const byPolicy = new Map<KubeObject, TcpRule[]>();
  for (const p of policies) {
    const view = tcpRulesOf(p);
    byPolicy.set(p, view.rules);
    const id = `${actionOf(p)} policy ${p.metadata.namespace}/${p.metadata.name}`;
    for (const s of view.skipped)
      options.trace.push({
        hop: options.hop,
        where: options.where,
        verdict: 'info',
        policy: ref(p, s.index),
        source: TCP_RULES_SOURCE,
        message: `${id} rule ${s.index} uses HTTP-only fields (${s.fields.join(', ')}) that the TCP filter chain cannot see: istiod skips the whole rule, so it never allows.`,
      });
    for (const w of view.widened)
      options.trace.push({
        hop: options.hop,
        where: options.where,
        verdict: 'info',
        policy: ref(p, w.index),
        source: TCP_RULES_SOURCE,
        message: `${id} rule ${w.index} uses HTTP-only fields (${w.fields.join(', ')}) that the TCP filter chain cannot see: istiod drops just those fields, so the rule matches more connections than written.`,
      });
  }
  return (p) => byPolicy.get(p) ?? [];
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
  transport?: EnvoyTransport; // http unless the port is declared TCP
}): AuthorizationDecision {
  const { policies, attributes, hop, where } = options;
  const trace: TraceEntry[] = [];
  const tcp = options.transport === 'tcp';
  const rulesOf = tcp ? tcpRuleSource(policies, { hop, where, trace }) : httpRules;
  const match = (p: KubeObject): number | undefined => firstMatchingRule(p, attributes, rulesOf);
  // What the denial looks like: a 403 local reply from the HTTP filter, or the network filter closing the connection.
  const closes = `the ${hop}'s network RBAC filter closes the connection`;
  const denial = tcp ? closes : `the ${hop} answers 403 RBAC: access denied`;
  const deniedShort = tcp ? closes : '403 RBAC: access denied';
  const subject = tcp ? 'connection' : 'request';
  const enforced = policies.filter((p) => {
    if (!isDryRun(p)) return true;
    const rule = match(p);
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
  const allows = enforced.filter((x) => actionOf(x) === 'ALLOW');
  // The first policy of an action with a matching rule decides, and the trace says which rule.
  const decide = (action: string, verdict: 'allow' | 'deny', say: (p: KubeObject, rule: number) => string) => {
    for (const p of enforced.filter((x) => actionOf(x) === action)) {
      const rule = match(p);
      if (rule === undefined) continue;
      trace.push({ hop, where, verdict, policy: ref(p, rule), source: BUILDER, message: say(p, rule) });
      return { allowed: verdict === 'allow', trace };
    }
    return undefined;
  };
  const denied =
    decide('CUSTOM', 'deny', (p) => `CUSTOM policy ${p.metadata.namespace}/${p.metadata.name} matched, and its extension provider "${p.spec?.provider?.name ?? ''}" is not defined in the mesh config, so istiod generated a deny for the ${subject}s it matches: ${tcp ? closes : '403'}.`) ??
    decide('DENY', 'deny', (p, rule) => `DENY policy ${p.metadata.namespace}/${p.metadata.name} rule ${rule} matches this ${subject}, so ${denial}.`);
  if (denied) return denied;
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
  const allowed = decide('ALLOW', 'allow', (p, rule) => `ALLOW policy ${p.metadata.namespace}/${p.metadata.name} rule ${rule} matches this ${subject}: allowed.`);
  if (allowed) return allowed;
  const names = allows.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).join(', ');
  trace.push({
    hop,
    where,
    verdict: 'deny',
    policy: ref(allows[0]!),
    source: BUILDER,
    message: `ALLOW policies apply at the ${hop} (${names}) but none of their rules matches this ${subject}, so it is denied: ${deniedShort}.`,
  });
  return { allowed: false, trace };
}
