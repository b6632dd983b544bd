// The destination ztunnel's L4 authorization: converted AuthorizationPolicies plus PeerAuthentication's synthetic
// DENY policies. ztunnel src/state.rs (assert_rbac): any DENY match denies; no ALLOW policy allows; an ALLOW match
// allows; otherwise "allow policies exist, but none allowed".
import {
  ambientPeerAuthenticationPolicies,
  PEER_AUTHENTICATION_AMBIENT_SOURCE,
} from './peer-authentication.ts';
import { hasTargetRefs, isDryRun, workloadPolicies } from './policy-attachment.ts';
import { cached, cachedIn, type Snapshot } from './snapshot.ts';
import type { TraceEntry } from './types.ts';
import type { Workload } from './workload.ts';
import {
  convertAuthorizationPolicy,
  httpFieldsOfRule,
  matchZtunnelPolicy,
  type ZtunnelConnection,
  type ZtunnelPolicy,
} from './ztunnel-policy.ts';

const AUTHZ_SOURCE = 'pilot/pkg/serviceregistry/kube/controller/ambient/authorization.go';
const ZTUNNEL_SOURCE = 'ztunnel src/state.rs (assert_rbac) and src/rbac.rs';

interface ZtunnelView {
  denies: ZtunnelPolicy[];
  allows: ZtunnelPolicy[];
  notes: TraceEntry[]; // what istiod dropped or changed before sending policies to ztunnel
}

function viewOf(snap: Snapshot, workload: Workload, where: string): ZtunnelView {
  return cached(snap, `ztunnel:${workload.namespace}/${workload.name}`, () => {
    const notes: TraceEntry[] = [];
    const policies: ZtunnelPolicy[] = [];
    for (const p of workloadPolicies(snap, 'AuthorizationPolicy', workload)) {
      const id = `${p.metadata.namespace}/${p.metadata.name}`;
      const policy = {
        kind: 'AuthorizationPolicy',
        namespace: p.metadata.namespace ?? '',
        name: p.metadata.name,
      };
      const action = (p.spec?.action as string | undefined) ?? 'ALLOW';
      if (hasTargetRefs(p)) continue;
      if (p.spec?.selector && p.spec.selector.matchLabels == null) {
        // `selector: {}` is not "no selector": istiod scopes the policy to selected workloads, yet attaches it only to
        // workloads of a policy that has match labels, so ztunnel gets it for none (authorization.go
        // convertAuthorizationPolicy; workloads.go, GetLabelSelector() != nil). A sidecar takes it for all.
        notes.push({
          hop: 'ztunnel',
          where,
          verdict: 'info',
          policy,
          source: 'pilot/pkg/serviceregistry/kube/controller/ambient/workloads.go',
          message: `AuthorizationPolicy ${id} has a selector with no matchLabels: istiod attaches such a policy to no workload, so ztunnel never applies it (a sidecar would apply it to every pod of the namespace).`,
        });
        continue;
      }
      if (isDryRun(p)) {
        notes.push({
          hop: 'ztunnel',
          where,
          verdict: 'info',
          policy,
          source: 'pilot/pkg/serviceregistry/kube/controller/ambient/policies.go',
          message: `${id} has istio.io/dry-run: istiod (1.26 and later) does not send dry-run policies to ztunnel, so it is not enforced here.`,
        });
        continue;
      }
      if (action !== 'ALLOW' && action !== 'DENY') {
        notes.push({
          hop: 'ztunnel',
          where,
          verdict: 'info',
          policy,
          source: AUTHZ_SOURCE,
          message: `${id} is ${action}: ztunnel does not support the ${action} action, so istiod does not send it.`,
        });
        continue;
      }
      const l7 = [...new Set(((p.spec?.rules ?? []) as any[]).flatMap(httpFieldsOfRule))].sort();
      if (l7.length > 0) {
        const effect =
          action === 'ALLOW'
            ? 'every rule using them is dropped whole (its principals and ports too)'
            : 'they are removed from the rules, and a from/to/when clause left empty never matches';
        notes.push({
          hop: 'ztunnel',
          where,
          verdict: 'info',
          policy,
          source: AUTHZ_SOURCE,
          message: `${id} uses HTTP attributes ztunnel cannot see (${l7.join(', ')}): ${effect}. Put a waypoint in front and use targetRefs to enforce them.`,
        });
      }
      policies.push(convertAuthorizationPolicy(p));
    }
    policies.push(...ambientPeerAuthenticationPolicies(snap, workload));
    return {
      denies: policies.filter((p) => p.action === 'DENY'),
      allows: policies.filter((p) => p.action === 'ALLOW'),
      notes,
    };
  });
}

function describePeer(c: ZtunnelConnection): string {
  return c.principal
    ? `peer identity spiffe://${c.principal}`
    : `plaintext from ${c.sourceIp ?? 'an unknown address'} (no identity)`;
}

type ZtunnelDecision = { allowed: boolean; trace: TraceEntry[] };

// Evaluate what the destination ztunnel decides for an inbound connection (memoized: the snapshot never changes,
// and the decision depends only on the workload and the connection's four L4 facts). The decision is shared by
// every request that asks the same: callers copy its trace entries, never change them.
export function evaluateZtunnel(
  snap: Snapshot,
  workload: Workload,
  c: ZtunnelConnection,
): Readonly<{ allowed: boolean; trace: readonly TraceEntry[] }> {
  const part = `${c.principal ?? ''}|${c.sourceIp ?? ''}|${c.destinationIp ?? ''}|${c.destinationPort}`;
  const key = { table: 'ztunnel-decision', owner: workload.namespace, name: workload.name, part };
  return cachedIn(snap, key, () => decideZtunnel(snap, workload, c));
}

function decideZtunnel(snap: Snapshot, workload: Workload, c: ZtunnelConnection): ZtunnelDecision {
  const where = `ztunnel for ${workload.namespace}/${workload.name}`;
  const view = viewOf(snap, workload, where);
  const trace: TraceEntry[] = view.notes.length === 0 ? [] : view.notes.map((n) => ({ ...n, where }));
  for (const p of view.denies) {
    const i = matchZtunnelPolicy(p, c);
    if (i === undefined) continue;
    const fromPa = p.origin.kind === 'PeerAuthentication';
    const why = fromPa
      ? `PeerAuthentication ${p.origin.namespace}/${p.origin.name} makes this port STRICT, which istiod sends ztunnel as the DENY policy ${p.namespace}/${p.name} for connections without a peer identity`
      : `DENY policy ${p.namespace}/${p.name} rule ${p.ruleIndex[i]} matches`;
    trace.push({
      hop: 'ztunnel',
      where,
      verdict: 'deny',
      policy: { ...p.origin, ...(fromPa ? {} : { rule: p.ruleIndex[i]! }) },
      source: fromPa ? PEER_AUTHENTICATION_AMBIENT_SOURCE : ZTUNNEL_SOURCE,
      message: `${why} (${describePeer(c)}); ztunnel closes the connection: "connection closed due to policy rejection: explicitly denied by: ${p.namespace}/${p.name}".`,
    });
    return { allowed: false, trace };
  }
  const allows = view.allows;
  if (allows.length === 0) {
    trace.push({
      hop: 'ztunnel',
      where,
      verdict: 'allow',
      source: ZTUNNEL_SOURCE,
      message: `No ALLOW policy applies at ztunnel and no DENY matched (${describePeer(c)}): allowed.`,
    });
    return { allowed: true, trace };
  }
  for (const p of allows) {
    const i = matchZtunnelPolicy(p, c);
    if (i === undefined) continue;
    trace.push({
      hop: 'ztunnel',
      where,
      verdict: 'allow',
      policy: { ...p.origin, rule: p.ruleIndex[i]! },
      source: ZTUNNEL_SOURCE,
      message: `ALLOW policy ${p.namespace}/${p.name} rule ${p.ruleIndex[i]} matches (${describePeer(c)}): allowed.`,
    });
    return { allowed: true, trace };
  }
  trace.push({
    hop: 'ztunnel',
    where,
    verdict: 'deny',
    policy: allows[0]!.origin,
    source: ZTUNNEL_SOURCE,
    message: `ALLOW policies apply (${allows.map((p) => `${p.namespace}/${p.name}`).join(', ')}) but none matches (${describePeer(c)}); ztunnel closes the connection: "connection closed due to policy rejection: allow policies exist, but none allowed".`,
  });
  return { allowed: false, trace };
}
