// PeerAuthentication: which policy applies to a workload, its mode per port for a sidecar, and the synthetic
// DENY policies istiod sends ztunnel for it.
// Istio: pilot/pkg/security/authn/policy_applier.go (ComposePeerAuthentication) and
// pilot/pkg/serviceregistry/kube/controller/ambient/authorization.go (convertedSelectorPeerAuthentications,
// convertPeerAuthentication) — mesh (root ns, no selector), then namespace, then workload; UNSET inherits;
// the oldest policy wins at each level; a selector policy in the root namespace is ignored.
import { createdAt, matchesLabels } from './objects.ts';
import { cached, type Snapshot } from './snapshot.ts';
import type { KubeObject } from './types.ts';
import type { Workload } from './workload.ts';
import type { ZtunnelMatch, ZtunnelPolicy, ZtunnelRule } from './ztunnel-policy.ts';

export type MtlsMode = 'UNSET' | 'DISABLE' | 'PERMISSIVE' | 'STRICT';

// The three PeerAuthentications that can apply to one workload.
export interface PeerAuthenticationSet {
  mesh: KubeObject | undefined;
  namespace: KubeObject | undefined;
  workload: KubeObject | undefined;
}

export const STATIC_STRICT_POLICY = 'istio_converted_static_strict';
const AMBIENT_SOURCE = 'pilot/pkg/serviceregistry/kube/controller/ambient/authorization.go';

// The mode a PeerAuthentication (or one of its port entries) sets.
export function modeOf(mtls: any): MtlsMode {
  const m = mtls?.mode;
  return m === 'STRICT' || m === 'PERMISSIVE' || m === 'DISABLE' ? m : 'UNSET';
}

function older(a: KubeObject | undefined, b: KubeObject): KubeObject {
  return a === undefined || createdAt(b) < createdAt(a) ? b : a;
}

function hasSelectorLabels(pa: KubeObject): boolean {
  return Object.keys(pa.spec?.selector?.matchLabels ?? {}).length > 0;
}

// Select the mesh, namespace and workload PeerAuthentication for a workload.
export function selectPeerAuthentications(snap: Snapshot, workload: Workload): PeerAuthenticationSet {
  return cached(snap, `pa:${workload.namespace}/${workload.name}`, () => {
    const root = snap.settings.rootNamespace;
    const set: PeerAuthenticationSet = { mesh: undefined, namespace: undefined, workload: undefined };
    for (const pa of snap.peerAuthentications.get(root) ?? [])
      if (!hasSelectorLabels(pa)) set.mesh = older(set.mesh, pa);
    if (workload.namespace !== root) {
      for (const pa of snap.peerAuthentications.get(workload.namespace) ?? []) {
        if (!hasSelectorLabels(pa)) set.namespace = older(set.namespace, pa);
        else if (matchesLabels(pa.spec.selector.matchLabels, workload.labels))
          set.workload = older(set.workload, pa);
      }
    }
    return set;
  });
}

// The effective mode an Envoy sidecar applies on a workload port, and the policy that decided it.
export function sidecarModeForPort(
  set: PeerAuthenticationSet,
  port: number,
): { mode: Exclude<MtlsMode, 'UNSET'>; policy: KubeObject | undefined } {
  let mode: Exclude<MtlsMode, 'UNSET'> = 'PERMISSIVE';
  let policy: KubeObject | undefined;
  for (const pa of [set.mesh, set.namespace, set.workload]) {
    const m = modeOf(pa?.spec?.mtls);
    if (pa && m !== 'UNSET') {
      mode = m;
      policy = pa;
    }
  }
  const portMode = modeOf(set.workload?.spec?.portLevelMtls?.[String(port)]);
  if (set.workload && portMode !== 'UNSET') return { mode: portMode, policy: set.workload };
  return { mode, policy };
}

const NO_IDENTITY: ZtunnelMatch = { notPrincipals: ['*'] };

function synthetic(
  name: string,
  namespace: string,
  rules: ZtunnelRule[],
  origin: KubeObject | undefined,
): ZtunnelPolicy {
  const o = origin
    ? { kind: 'PeerAuthentication', namespace: origin.metadata.namespace ?? '', name: origin.metadata.name }
    : { kind: 'PeerAuthentication', namespace, name };
  return { name, namespace, action: 'DENY', rules, ruleIndex: rules.map(() => -1), origin: o };
}

function isStrict(pa: KubeObject | undefined): boolean {
  return modeOf(pa?.spec?.mtls) === 'STRICT';
}

function isUnset(pa: KubeObject | undefined): boolean {
  return modeOf(pa?.spec?.mtls) === 'UNSET';
}

// The converted port-level policy (converted_peer_authentication_<name>) for a workload PeerAuthentication.
function convertPortLevel(set: PeerAuthenticationSet): ZtunnelPolicy | undefined {
  const pa = set.workload!;
  const mode = modeOf(pa.spec?.mtls);
  const clauses: ZtunnelRule = mode === 'STRICT' ? [[NO_IDENTITY]] : [];
  const groups: ZtunnelRule[] = [];
  let foundNonStrict = false;
  const ns = set.namespace;
  const mesh = set.mesh;
  // Mirrors the Go conditions exactly, including their operator precedence: a STRICT port is skipped whenever the
  // namespace policy is absent or UNSET and the mesh policy is STRICT, whatever the workload mode.
  const skipStrictPort =
    mode === 'STRICT' ||
    (mode === 'UNSET' && ns !== undefined && isStrict(ns)) ||
    ((ns === undefined || isUnset(ns)) && isStrict(mesh));
  const skipOpenPort =
    mode === 'UNSET' &&
    ((ns !== undefined && !isStrict(ns)) ||
      (ns === undefined && mesh !== undefined && !isStrict(mesh)) ||
      (ns === undefined && mesh === undefined));
  for (const [portText, mtls] of Object.entries(pa.spec?.portLevelMtls ?? {}).sort()) {
    const port = Number(portText);
    const portMode = modeOf(mtls);
    if (portMode === 'STRICT') {
      if (skipStrictPort) continue;
      groups.push([[{ notPrincipals: ['*'], destinationPorts: [port] }]]);
    } else if (portMode === 'PERMISSIVE' || portMode === 'DISABLE') {
      if (mode === 'PERMISSIVE' || mode === 'DISABLE' || skipOpenPort) continue;
      foundNonStrict = true;
      clauses.push([{ notDestinationPorts: [port] }]);
    }
  }
  if (mode === 'STRICT' && !foundNonStrict) return undefined;
  if (clauses.length === 0 && groups.length === 0) return undefined;
  const mergeStrict = (isStrict(mesh) && (ns === undefined || isUnset(ns) || isStrict(ns))) || isStrict(ns);
  if (mergeStrict && foundNonStrict) clauses.push([NO_IDENTITY]);
  if (clauses.length > 0) groups.push(clauses);
  return synthetic(
    `converted_peer_authentication_${pa.metadata.name}`,
    pa.metadata.namespace ?? '',
    groups,
    pa,
  );
}

// The synthetic DENY policies ztunnel enforces for a workload's PeerAuthentications (none means plaintext is accepted).
export function ambientPeerAuthenticationPolicies(snap: Snapshot, workload: Workload): ZtunnelPolicy[] {
  return cached(snap, `pa-ztunnel:${workload.namespace}/${workload.name}`, () => {
    const set = selectPeerAuthentications(snap, workload);
    const root = snap.settings.rootNamespace;
    let strict = isStrict(set.mesh);
    let decidedBy = set.mesh;
    if (set.namespace && !isUnset(set.namespace))
      [strict, decidedBy] = [isStrict(set.namespace), set.namespace];
    let portLevel: ZtunnelPolicy | undefined;
    const wl = set.workload;
    if (wl) {
      const mode = modeOf(wl.spec?.mtls);
      if (mode === 'STRICT') [strict, decidedBy] = [true, wl];
      if (mode === 'PERMISSIVE' || mode === 'DISABLE') strict = false;
      const ports = Object.values(wl.spec?.portLevelMtls ?? {}).map(modeOf);
      if (ports.length > 0) {
        const converted = convertPortLevel(set);
        const opensPort =
          mode === 'STRICT'
            ? ports.some((m) => m === 'PERMISSIVE' || m === 'DISABLE')
            : mode === 'UNSET' && strict
              ? ports.includes('PERMISSIVE')
              : ports.includes('STRICT');
        if (mode === 'UNSET' && !strict) portLevel = ports.includes('STRICT') ? converted : undefined;
        else if (opensPort) portLevel = converted;
        if (opensPort && (mode === 'STRICT' || (mode === 'UNSET' && strict))) strict = false;
      }
    }
    const out: ZtunnelPolicy[] = [];
    if (strict) out.push(synthetic(STATIC_STRICT_POLICY, root, [[[NO_IDENTITY]]], decidedBy));
    if (portLevel) out.push(portLevel);
    return out;
  });
}

export { AMBIENT_SOURCE as PEER_AUTHENTICATION_AMBIENT_SOURCE };
