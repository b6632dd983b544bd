// The path of a request from the source pod to the chosen destination pod: client proxy, waypoint, destination
// ztunnel or sidecar, NetworkPolicy on each TCP leg, then the app. Istio: pilot/pkg/xds/endpoints/endpoint_builder.go
// (findServiceWaypoint: only gateways, not sidecars, call waypoints), ztunnel src/proxy/inbound_passthrough.rs (plaintext
// from non-mesh clients goes straight to the pod, no waypoint), ztunnel src/proxy/outbound.rs (an ambient client uses the
// Service's waypoint for Service traffic and the pod's for pod-IP traffic).
import { deliverToApp } from './app-hop.ts';
import { evaluateEnvoyHop } from './envoy-hop.ts';
import { nameOf, type Awaitable, type Flow } from './flow.ts';
import { checkNetworkPolicy, type PacketEnd } from './network-policy.ts';
import { selectPeerAuthentications, sidecarModeForPort } from './peer-authentication.ts';
import { waypointPolicies, workloadPolicies } from './policy-attachment.ts';
import { envoyReply, resetOutcome, timeoutOutcome, UPSTREAM_TERMINATION_BODY } from './responses.ts';
import type { KubeObject, Outcome } from './types.ts';
import { resolveWaypoint } from './waypoint.ts';
import { principalOf, type Workload } from './workload.ts';
import { evaluateZtunnel } from './ztunnel-hop.ts';

const HBONE_PORT = 15008;

function end(w: Workload): PacketEnd {
  return { ip: w.ip ?? '', workload: w };
}

// Check NetworkPolicy on one TCP leg; false (and a trace line) when the SYN is dropped.
function passesNetworkPolicy(flow: Flow, from: Workload, to: Workload, port: number): boolean {
  // With no NetworkPolicy anywhere nothing is isolated.
  if (flow.snap.networkPolicies.size === 0) return true;
  const v = checkNetworkPolicy(flow.snap, end(from), end(to), port);
  if (v.allowed) return true;
  const names = v.policies.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).join(', ');
  const hbone =
    port === HBONE_PORT
      ? ' (mesh traffic travels as HBONE on port 15008, so that is the port NetworkPolicy must allow)'
      : '';
  flow.trace.push({
    hop: 'network-policy',
    where: `${v.direction} of ${nameOf(v.direction === 'egress' ? from : to)}`,
    verdict: 'deny',
    policy: {
      kind: 'NetworkPolicy',
      namespace: v.policies[0]!.metadata.namespace ?? '',
      name: v.policies[0]!.metadata.name,
    },
    source: 'kubernetes pkg/apis/networking/types.go',
    message: `NetworkPolicy ${names} isolates ${nameOf(v.direction === 'egress' ? from : to)} for ${v.direction} and no rule allows ${nameOf(from)} → ${nameOf(to)}:${port}${hbone}; the packets are dropped, so curl waits until it times out.`,
  });
  return false;
}

function isMeshClient(w: Workload): boolean {
  return w.mode === 'ambient' || w.mode === 'sidecar';
}

// Send the request along its path and return what curl sees.
export function routeRequest(flow: Flow): Awaitable<Outcome> {
  const { src, dst, snap } = flow;
  if (src.mode === 'ambient')
    flow.trace.push({
      hop: 'client',
      where: `ztunnel for ${nameOf(src)}`,
      verdict: 'info',
      message: `${nameOf(src)} is in ambient mode: its ztunnel captures the connection and sends it with identity spiffe://${principalOf(src, snap.settings)}.`,
    });
  if (src.mode === 'sidecar')
    flow.trace.push({
      hop: 'client',
      where: `sidecar of ${nameOf(src)}`,
      verdict: 'info',
      message: `${nameOf(src)} has a sidecar: its Envoy sends the request, over mTLS as spiffe://${principalOf(src, snap.settings)} to mesh destinations (sidecars never use waypoints).`,
    });
  if (src.mode === 'none')
    flow.trace.push({
      hop: 'client',
      where: nameOf(src),
      verdict: 'info',
      message: `${nameOf(src)} is not in the mesh: it sends plaintext, with no identity.`,
    });
  // The source ztunnel sends Service traffic to the Service's waypoint whatever its endpoints are; pod-addressed
  // traffic uses a workload waypoint only for captured pods.
  if (src.mode === 'ambient' && (flow.service !== undefined || dst.mode === 'ambient')) {
    const binding = flow.service
      ? resolveWaypoint(snap, {
          labels: flow.service.metadata.labels ?? {},
          namespace: flow.service.metadata.namespace ?? 'default',
          kind: 'service',
        })
      : resolveWaypoint(snap, { labels: dst.labels, namespace: dst.namespace, kind: 'workload' });
    const target = flow.service
      ? `Service ${flow.service.metadata.namespace}/${flow.service.metadata.name}`
      : `pod ${nameOf(dst)} (addressed by IP)`;
    if (binding.kind === 'bound' && binding.workload) {
      flow.trace.push({
        hop: 'waypoint',
        where: `waypoint ${binding.gateway.metadata.namespace}/${binding.gateway.metadata.name}`,
        verdict: 'info',
        source: 'pilot/pkg/serviceregistry/kube/controller/ambient/waypoints.go',
        message: `${target} uses waypoint ${binding.gateway.metadata.namespace}/${binding.gateway.metadata.name}: the client's ztunnel sends the request there first.`,
      });
      return viaWaypoint(flow, binding.gateway, binding.workload);
    }
    if (binding.kind === 'bound') {
      flow.trace.push({
        hop: 'waypoint',
        where: `waypoint ${binding.gateway.metadata.namespace}/${binding.gateway.metadata.name}`,
        verdict: 'deny',
        message: `${target} uses waypoint ${binding.gateway.metadata.namespace}/${binding.gateway.metadata.name}, but it has no ready pod: the client's ztunnel cannot open the tunnel and closes curl's connection.`,
      });
      return resetOutcome();
    }
    const reason = binding.reason;
    flow.trace.push({
      hop: 'waypoint',
      where: target,
      verdict: 'info',
      source: 'pilot/pkg/serviceregistry/kube/controller/ambient/waypoints.go',
      message: `No waypoint for ${target}: ${reason}.`,
    });
  }
  return direct(flow);
}

async function viaWaypoint(flow: Flow, gateway: KubeObject, wp: Workload): Promise<Outcome> {
  const { src, dst, snap } = flow;
  const where = `waypoint ${gateway.metadata.namespace}/${gateway.metadata.name}`;
  if (!passesNetworkPolicy(flow, src, wp, HBONE_PORT)) return timeoutOutcome(flow.request.timeoutMs);
  const hop = await evaluateEnvoyHop(flow, {
    hop: 'waypoint',
    where,
    principal: principalOf(src, snap.settings),
    sourceIp: src.ip,
    authorization: waypointPolicies(snap, 'AuthorizationPolicy', gateway, flow.service),
    authentication: waypointPolicies(snap, 'RequestAuthentication', gateway, flow.service),
  });
  if (hop.denied) return hop.denied;
  const wpPrincipal = principalOf(wp, snap.settings);
  if (!passesNetworkPolicy(flow, wp, dst, dst.mode === 'none' ? flow.targetPort : HBONE_PORT)) {
    return envoyReply({
      status: 503,
      body: 'upstream connect error or disconnect/reset before headers. reset reason: connection timeout',
      now: flow.request.now,
    });
  }
  if (dst.mode === 'sidecar')
    return toSidecar(flow, { principal: wpPrincipal, ip: wp.ip, mtls: true, clientEnvoy: true });
  if (dst.mode === 'none') {
    flow.trace.push({
      hop: 'waypoint',
      where,
      verdict: 'pass',
      message: `${nameOf(dst)} is not in the mesh: the waypoint sends the request to it in plaintext.`,
    });
    return await deliverToApp(flow, {
      envoyInPath: true,
      ztunnelInPath: false,
      peerIp: wp.ip,
      strip: hop.strip,
    });
  }
  const z = evaluateZtunnel(snap, dst, {
    principal: wpPrincipal,
    sourceIp: wp.ip,
    destinationIp: dst.ip,
    destinationPort: flow.targetPort,
  });
  flow.trace.push(...z.trace);
  if (!z.allowed) {
    flow.trace.push({
      hop: 'waypoint',
      where,
      verdict: 'deny',
      source: 'ztunnel src/proxy/inbound.rs',
      message: `The destination ztunnel sees the waypoint's identity spiffe://${wpPrincipal}, not the client's, and refuses the HBONE tunnel (401); the waypoint answers curl with 503 (UC, connection termination).`,
    });
    return envoyReply({ status: 503, body: UPSTREAM_TERMINATION_BODY, now: flow.request.now });
  }
  return await deliverToApp(flow, {
    envoyInPath: true,
    ztunnelInPath: true,
    peerIp: wp.ip,
    strip: hop.strip,
  });
}

function direct(flow: Flow): Awaitable<Outcome> {
  const { src, dst, snap } = flow;
  const hbone =
    (dst.mode === 'ambient' && isMeshClient(src)) || (dst.mode === 'sidecar' && src.mode === 'ambient');
  if (!passesNetworkPolicy(flow, src, dst, hbone ? HBONE_PORT : flow.targetPort))
    return timeoutOutcome(flow.request.timeoutMs);
  const clientEnvoy = src.mode === 'sidecar';
  if (dst.mode === 'ambient') {
    const principal = isMeshClient(src) ? principalOf(src, snap.settings) : undefined;
    const z = evaluateZtunnel(snap, dst, {
      principal,
      sourceIp: src.ip,
      destinationIp: dst.ip,
      destinationPort: flow.targetPort,
    });
    flow.trace.push(...z.trace);
    if (!z.allowed) {
      if (clientEnvoy)
        return envoyReply({ status: 503, body: UPSTREAM_TERMINATION_BODY, now: flow.request.now });
      return resetOutcome();
    }
    return deliverToApp(flow, { envoyInPath: clientEnvoy, ztunnelInPath: true, peerIp: src.ip });
  }
  if (dst.mode === 'sidecar') {
    return toSidecar(flow, {
      principal: principalOf(src, snap.settings),
      ip: src.ip,
      mtls: src.mode !== 'none',
      clientEnvoy: clientEnvoy,
    });
  }
  if (src.mode === 'ambient')
    flow.trace.push({
      hop: 'ztunnel',
      where: `ztunnel for ${nameOf(src)}`,
      verdict: 'pass',
      message: `${nameOf(dst)} is not in the mesh: ztunnel passes the connection through in plaintext, with no policy.`,
    });
  return deliverToApp(flow, {
    envoyInPath: clientEnvoy,
    ztunnelInPath: src.mode === 'ambient',
    peerIp: src.ip,
  });
}

// The peer a server sidecar sees: the client (or the waypoint in front of it).
interface SidecarPeer {
  principal: string;
  ip: string | undefined;
  mtls: boolean; // whether the peer can speak mTLS/HBONE at all
  clientEnvoy: boolean; // whether the peer is an Envoy (auto mTLS follows the server's PeerAuthentication)
}

async function toSidecar(flow: Flow, peer: SidecarPeer): Promise<Outcome> {
  const { dst, snap } = flow;
  const where = `sidecar of ${nameOf(dst)}`;
  const { mode, policy } = sidecarModeForPort(selectPeerAuthentications(snap, dst), flow.targetPort);
  // Auto mTLS: an Envoy client sends plaintext to a port whose PeerAuthentication mode is DISABLE.
  const mtls = peer.mtls && !(peer.clientEnvoy && mode === 'DISABLE');
  const byWhom = policy
    ? `PeerAuthentication ${policy.metadata.namespace}/${policy.metadata.name}`
    : 'the default';
  const paRef = policy
    ? {
        policy: {
          kind: 'PeerAuthentication',
          namespace: policy.metadata.namespace ?? '',
          name: policy.metadata.name,
        },
      }
    : {};
  if (mode === 'STRICT' && !mtls) {
    flow.trace.push({
      hop: 'sidecar',
      where,
      verdict: 'deny',
      ...paRef,
      source: 'pilot/pkg/security/authn/policy_applier.go',
      message: `Port ${flow.targetPort} is STRICT (${byWhom}) and the client sends plaintext: the sidecar's inbound listener only accepts mTLS and resets the connection.`,
    });
    return resetOutcome();
  }
  flow.trace.push({
    hop: 'sidecar',
    where,
    verdict: 'pass',
    ...paRef,
    source: 'pilot/pkg/security/authn/policy_applier.go',
    message: `Port ${flow.targetPort} is ${mode} (${byWhom}); the connection arrives ${mtls ? `over mTLS from spiffe://${peer.principal}` : 'in plaintext, with no peer identity'}.`,
  });
  const hop = await evaluateEnvoyHop(flow, {
    hop: 'sidecar',
    where,
    principal: mtls ? peer.principal : undefined,
    sourceIp: peer.ip,
    authorization: workloadPolicies(snap, 'AuthorizationPolicy', dst),
    authentication: workloadPolicies(snap, 'RequestAuthentication', dst),
  });
  if (hop.denied) return hop.denied;
  return await deliverToApp(flow, {
    envoyInPath: true,
    ztunnelInPath: false,
    peerIp: peer.ip,
    strip: hop.strip,
  });
}
