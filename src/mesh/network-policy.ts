// Kubernetes NetworkPolicy (networking.k8s.io/v1): ingress and egress isolation, podSelector / namespaceSelector /
// ipBlock peers and ports. Kubernetes: pkg/apis/networking/types.go — a pod is isolated for a direction once any
// policy selecting it lists that policyType; then only traffic some rule allows passes. A dropped SYN is a timeout.
import { labelsOf, matchesLabelSelector } from './objects.ts';
import type { Snapshot } from './snapshot.ts';
import { ipInBlock } from './string-match.ts';
import type { KubeObject } from './types.ts';
import type { Workload } from './workload.ts';

// One end of a connection as NetworkPolicy sees it.
export interface PacketEnd {
  ip: string;
  workload: Workload | undefined;
}

export interface NetworkPolicyVerdict {
  allowed: boolean;
  direction: 'ingress' | 'egress';
  policies: KubeObject[]; // the policies isolating the pod in that direction
}

function policyTypes(np: KubeObject): string[] {
  const types = np.spec?.policyTypes as string[] | undefined;
  if (types && types.length > 0) return types;
  return np.spec?.egress ? ['Ingress', 'Egress'] : ['Ingress'];
}

function namespaceLabels(snap: Snapshot, ns: string): Record<string, string> {
  return { 'kubernetes.io/metadata.name': ns, ...labelsOf(snap.namespaces.get(ns)) };
}

function peerMatches(snap: Snapshot, peer: any, policyNs: string, end: PacketEnd): boolean {
  if (peer.ipBlock) {
    if (!ipInBlock(end.ip, peer.ipBlock.cidr)) return false;
    return !((peer.ipBlock.except ?? []) as string[]).some((e) => ipInBlock(end.ip, e));
  }
  const w = end.workload;
  if (!w) return false;
  if (peer.namespaceSelector) {
    if (!matchesLabelSelector(peer.namespaceSelector, namespaceLabels(snap, w.namespace))) return false;
  } else if (w.namespace !== policyNs) return false;
  return peer.podSelector ? matchesLabelSelector(peer.podSelector, w.labels) : true;
}

function portMatches(rulePort: any, port: number, dst: PacketEnd): boolean {
  if ((rulePort.protocol ?? 'TCP') !== 'TCP') return false;
  if (rulePort.port === undefined) return true;
  let p = rulePort.port;
  if (typeof p === 'string' && !/^\d+$/.test(p)) {
    const named = ((dst.workload?.pod.spec?.containers ?? []) as any[])
      .flatMap((c) => (c.ports ?? []) as any[])
      .find((x) => x.name === p);
    if (!named) return false;
    p = named.containerPort;
  }
  const start = Number(p);
  const end = rulePort.endPort !== undefined ? Number(rulePort.endPort) : start;
  return port >= start && port <= end;
}

function ruleAllows(
  snap: Snapshot,
  rule: any,
  peers: any[] | undefined,
  ctx: { policyNs: string; peer: PacketEnd; dst: PacketEnd; port: number },
): boolean {
  const ports = (rule.ports ?? []) as any[];
  if (ports.length > 0 && !ports.some((p) => portMatches(p, ctx.port, ctx.dst))) return false;
  if (!peers || peers.length === 0) return true;
  return peers.some((peer) => peerMatches(snap, peer, ctx.policyNs, ctx.peer));
}

// Whether NetworkPolicy lets a TCP connection from `src` to `dst`:`port` through, checking egress then ingress.
export function checkNetworkPolicy(
  snap: Snapshot,
  src: PacketEnd,
  dst: PacketEnd,
  port: number,
): NetworkPolicyVerdict {
  for (const direction of ['egress', 'ingress'] as const) {
    const self = direction === 'egress' ? src : dst;
    const peer = direction === 'egress' ? dst : src;
    if (!self.workload) continue;
    const ns = self.workload.namespace;
    const type = direction === 'egress' ? 'Egress' : 'Ingress';
    const isolating = (snap.networkPolicies.get(ns) ?? []).filter(
      (np) =>
        policyTypes(np).includes(type) &&
        matchesLabelSelector(np.spec?.podSelector ?? {}, self.workload!.labels),
    );
    if (isolating.length === 0) continue;
    const allowed = isolating.some((np) =>
      ((np.spec?.[direction] ?? []) as any[]).some((rule) =>
        ruleAllows(snap, rule, direction === 'egress' ? rule.to : rule.from, {
          policyNs: ns,
          peer,
          dst,
          port,
        }),
      ),
    );
    if (!allowed) return { allowed: false, direction, policies: isolating };
  }
  return { allowed: true, direction: 'ingress', policies: [] };
}
