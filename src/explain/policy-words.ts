// Say in a sentence whom a policy admits or refuses, for the line that explains a denial.
import { httpFieldsOfRule } from '../lint/index.ts';
import type { KubeObject, TraceEntry } from '../mesh/index.ts';

function list(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

function join(values: string[]): string {
  if (values.length <= 1) return values.join('');
  return `${values.slice(0, -1).join(', ')} or ${values.at(-1)}`;
}

// The callers some rules name: principals, namespaces and service accounts.
function callersOf(rules: readonly any[]): string[] {
  const callers = rules.flatMap((rule) =>
    (Array.isArray(rule?.from) ? (rule.from as any[]) : []).flatMap((f) => [
      ...list(f?.source?.principals),
      ...list(f?.source?.namespaces).map((ns) => `namespace ${ns}`),
      ...list(f?.source?.serviceAccounts).map((sa) => `service account ${sa}`),
      ...list(f?.source?.ipBlocks).map((ip) => `IP ${ip}`),
    ]),
  );
  return [...new Set(callers)];
}

// One rule in brief: `from principals ["a"]; to methods ["GET"]; when request.headers[x] ["y"]`; `{}` matches everything.
export function describeRule(rule: any): string {
  const fields = (entry: any) =>
    Object.entries((entry ?? {}) as Record<string, unknown>).map(([k, v]) => `${k} ${JSON.stringify(v)}`);
  const parts = [
    ...(Array.isArray(rule?.from) ? (rule.from as any[]) : []).flatMap((f) =>
      fields(f?.source).map((x) => `from ${x}`),
    ),
    ...(Array.isArray(rule?.to) ? (rule.to as any[]) : []).flatMap((t) =>
      fields(t?.operation).map((x) => `to ${x}`),
    ),
    ...(Array.isArray(rule?.when) ? (rule.when as any[]) : []).map(
      (w) => `when ${w?.key} ${w?.values ? JSON.stringify(w.values) : `not ${JSON.stringify(w?.notValues)}`}`,
    ),
  ];
  return parts.length > 0 ? parts.join('; ') : 'an empty rule {}, which matches every request';
}

// An ALLOW policy as ztunnel holds it: rules with HTTP fields are dropped whole.
// Istio: pilot/pkg/serviceregistry/kube/controller/ambient/authorization.go (handleRule).
function describeZtunnelAllow(named: string, rules: readonly any[]): string {
  const dropped = rules
    .map((r, i) => ({ i, fields: [...new Set(httpFieldsOfRule(r).map((f) => f.name))] }))
    .filter((d) => d.fields.length > 0);
  const kept = rules.filter((_, i) => !dropped.some((d) => d.i === i));
  const fields = [...new Set(dropped.flatMap((d) => d.fields))].join(', ');
  if (dropped.length === 0) {
    const callers = callersOf(rules);
    return callers.length > 0
      ? `${named} allows only ${join(callers)}`
      : `${named} allows only the requests its rules describe`;
  }
  if (kept.length === 0)
    return `${named} allows nothing at ztunnel: ztunnel dropped every rule, because they use ${fields}, which only a waypoint sees`;
  const callers = callersOf(kept);
  const which = dropped.map((d) => d.i).join(', ');
  return `${named} allows only ${callers.length > 0 ? join(callers) : 'what its other rules describe'} at ztunnel (rule ${which} dropped: it uses ${fields}, which only a waypoint sees)`;
}

// "AuthorizationPolicy X allows only ...", "AuthorizationPolicy X denies ...", or the kind and name.
export function describePolicy(entry: TraceEntry, objects: readonly KubeObject[]): string | undefined {
  const ref = entry.policy;
  if (!ref) return undefined;
  const policy = objects.find(
    (o) => o.kind === ref.kind && o.metadata.namespace === ref.namespace && o.metadata.name === ref.name,
  );
  const named = `${ref.kind} ${ref.name}`;
  if (policy && ref.kind === 'PeerAuthentication')
    return `${named} requires mutual TLS (${String(policy.spec?.mtls?.mode ?? 'STRICT')})`;
  if (!policy || ref.kind !== 'AuthorizationPolicy') return named;
  const action = (policy.spec?.action as string | undefined) ?? 'ALLOW';
  const rules = Array.isArray(policy.spec?.rules) ? (policy.spec.rules as any[]) : [];
  const callers = callersOf(rules);
  if (action === 'ALLOW') {
    if (rules.length === 0) return `${named} has no rules: it allows nothing`;
    if (entry.hop === 'ztunnel') return describeZtunnelAllow(named, rules);
    return callers.length > 0
      ? `${named} allows only ${join(callers)}`
      : `${named} allows only the requests its rules describe`;
  }
  const matched = ref.rule !== undefined ? rules[ref.rule] : undefined;
  if (matched !== undefined)
    return `${named} denies what its rule ${ref.rule} matches (${describeRule(matched)})`;
  return callers.length > 0 ? `${named} denies ${join(callers)}` : `${named} denies the request`;
}

// The identity the hop saw: the peer the engine names, a waypoint before a ztunnel, else the client's identity;
// undefined for a plaintext caller.
export function callerAt(entry: TraceEntry, trace: readonly TraceEntry[]): string | undefined {
  const named = /peer identity spiffe:\/\/([^\s);,]+)/.exec(entry.message)?.[1];
  if (named) return named;
  const before = trace.slice(0, trace.indexOf(entry));
  const waypoint = before.find((e) => e.hop === 'waypoint' && e.where.startsWith('waypoint '));
  if (entry.hop === 'ztunnel' && waypoint) {
    const [ns = '', name = ''] = waypoint.where.slice('waypoint '.length).split('/');
    return `cluster.local/ns/${ns}/sa/${name}`;
  }
  const client = trace.find((e) => e.hop === 'client');
  const identity = client && /spiffe:\/\/(\S+?)[.)]?(\s|$)/.exec(client.message)?.[1];
  return identity ?? undefined;
}

// "ztunnel in travel-portal", "waypoint travel-portal/waypoint", "sidecar in bookinfo".
export function enforcerOf(entry: TraceEntry): string {
  if (entry.where.startsWith('waypoint ')) return entry.where;
  const ns = /(?:for|of) ([^/\s]+)\//.exec(entry.where)?.[1] ?? entry.policy?.namespace;
  return ns ? `${entry.hop} in ${ns}` : entry.hop;
}
