// The path of a request from the source pod to the chosen destination pod: client proxy, waypoint, destination
// ztunnel or sidecar, NetworkPolicy on each TCP leg, then the app. Istio: pilot/pkg/xds/endpoints/endpoint_builder.go
// (findServiceWaypoint: only gateways, not sidecars, call waypoints), ztunnel src/proxy/inbound_passthrough.rs (plaintext
// from non-mesh clients goes straight to the pod, no waypoint), ztunnel src/proxy/outbound.rs (an ambient client uses the
// Service's waypoint for Service traffic and the pod's for pod-IP traffic).
import { deliverToApp } from './app-hop.ts';
import { evaluateEnvoyHop } from './envoy-hop.ts';
import { nameOf, type Awaitable, type Flow } from './flow.ts';
import { checkNetworkPolicy, type PacketEnd } from './network-policy.ts';
import { waypointPolicies } from './policy-attachment.ts';
import { PROTOCOL_SOURCE } from './port-protocol.ts';
import { droppedOutcome, type DropHolder } from './dropped.ts';
import { envoyReply, resetOutcome, UPSTREAM_TERMINATION_BODY } from './responses.ts';
import { toSidecar } from './sidecar-hop.ts';
import { closedAfterForwarding, closedBehindSidecarTunnel, closedUnread, type TcpClose } from './tcp-close.ts';
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

// Say that the addressed port is TCP and why, once, before the hops that act on it.
function traceTcpPort(flow: Flow): void {
  const svc = flow.service;
  if (!flow.protocol.opaque || !svc) return;
  flow.trace.push({
    hop: 'client',
    where: `Service ${svc.metadata.namespace}/${svc.metadata.name} port ${flow.port}`,
    verdict: 'info',
    source: PROTOCOL_SOURCE,
    message: `Port ${flow.port} is ${flow.protocol.protocol}: ${flow.protocol.why} (Istio reads appProtocol first, else the port name as <protocol> or <protocol>-<suffix>). Sidecars and waypoints proxy it as opaque TCP: no HTTP parsing, no HTTP replies of their own, and AuthorizationPolicy is enforced on the connection by the network RBAC filter.`,
  });
}

// A TCP-proxying Envoy gave up: record why and what curl sees.
// A NetworkPolicy dropped the packets: how curl's wait ends depends on who holds its socket (dropped.ts).
function dropped(flow: Flow, holder: DropHolder): Outcome {
  const { outcome, why } = droppedOutcome(flow, holder);
  flow.trace.push({ hop: 'client', where: nameOf(flow.src), verdict: 'info', source: 'curl lib/multi.c', message: `The packets are dropped: ${why}.` });
  return outcome;
}

function tcpClosed(
  flow: Flow,
  o: { hop: 'waypoint' | 'client'; where: string; context: string; close: TcpClose },
): Outcome {
  flow.trace.push({
    hop: o.hop,
    where: o.where,
    verdict: 'deny',
    source: 'ztunnel src/copy.rs',
    message: `${o.context} ${o.close.why}.`,
  });
  return o.close.outcome;
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
  traceTcpPort(flow);
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
  // Istio: pilot/pkg/networking/core/listener_waypoint.go — a Service port declared TCP gets a TCP chain.
  const tcp = flow.protocol.opaque;
  const ztunnelHeld = closedAfterForwarding("The client's ztunnel");
  if (!passesNetworkPolicy(flow, src, wp, HBONE_PORT)) return dropped(flow, 'ztunnel');
  const hop = await evaluateEnvoyHop(flow, {
    transport: tcp ? 'tcp' : 'http',
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
    if (tcp) {
      const context = "The waypoint's TCP proxy cannot connect (it gives up after its connect timeout) and ends the tunnel.";
      return tcpClosed(flow, { hop: 'waypoint', where, context, close: ztunnelHeld });
    }
    return envoyReply({
      status: 503,
      body: 'upstream connect error or disconnect/reset before headers. reset reason: connection timeout',
      now: flow.request.now,
    });
  }
  if (dst.mode === 'sidecar')
    return toSidecar(flow, { principal: wpPrincipal, ip: wp.ip, mtls: true, clientEnvoy: true, hcm: !tcp });
  const path = {
    envoyInPath: !tcp,
    peerIp: wp.ip,
    strip: hop.strip,
    add: hop.add,
    ...(tcp ? { tcpRefusal: ztunnelHeld } : {}),
  };
  if (dst.mode === 'none') {
    flow.trace.push({
      hop: 'waypoint',
      where,
      verdict: 'pass',
      message: `${nameOf(dst)} is not in the mesh: the waypoint sends the request to it in plaintext.`,
    });
    return await deliverToApp(flow, { ...path, ztunnelInPath: false });
  }
  const z = evaluateZtunnel(snap, dst, {
    principal: wpPrincipal,
    sourceIp: wp.ip,
    destinationIp: dst.ip,
    destinationPort: flow.targetPort,
  });
  flow.trace.push(...z.trace);
  if (!z.allowed && tcp) {
    const context = `The destination ztunnel sees the waypoint's identity spiffe://${wpPrincipal}, not the client's, and refuses the HBONE tunnel (401); the waypoint's TCP proxy ends the client's tunnel.`;
    return tcpClosed(flow, { hop: 'waypoint', where, context, close: ztunnelHeld });
  }
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
  return await deliverToApp(flow, { ...path, ztunnelInPath: true });
}

function direct(flow: Flow): Awaitable<Outcome> {
  const { src, dst, snap } = flow;
  const hbone =
    (dst.mode === 'ambient' && isMeshClient(src)) || (dst.mode === 'sidecar' && src.mode === 'ambient');
  if (!passesNetworkPolicy(flow, src, dst, hbone ? HBONE_PORT : flow.targetPort)) {
    const holder = src.mode === 'ambient' ? 'ztunnel' : src.mode === 'sidecar' ? (flow.protocol.opaque ? 'sidecar-tcp' : 'sidecar-http') : 'none';
    return dropped(flow, holder);
  }
  const clientEnvoy = src.mode === 'sidecar';
  // A client sidecar on a TCP port is a TCP proxy with no HTTP replies (pilot/pkg/networking/core/networkfilter.go).
  const clientTcp = clientEnvoy && flow.protocol.opaque;
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
      if (clientTcp) {
        const context = "The destination ztunnel refuses the client sidecar's HBONE tunnel, and on a TCP port the sidecar has no 503 to write.";
        const where = `sidecar of ${nameOf(src)}`;
        return tcpClosed(flow, { hop: 'client', where, context, close: closedBehindSidecarTunnel() });
      }
      if (clientEnvoy)
        return envoyReply({ status: 503, body: UPSTREAM_TERMINATION_BODY, now: flow.request.now });
      return resetOutcome();
    }
    return deliverToApp(flow, {
      envoyInPath: clientEnvoy && !clientTcp,
      ztunnelInPath: true,
      peerIp: src.ip,
      ...(clientTcp ? { tcpRefusal: closedBehindSidecarTunnel() } : {}),
    });
  }
  if (dst.mode === 'sidecar') {
    return toSidecar(flow, {
      principal: principalOf(src, snap.settings),
      ip: src.ip,
      mtls: src.mode !== 'none',
      clientEnvoy: clientEnvoy,
      hcm: clientEnvoy && !clientTcp,
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
    envoyInPath: clientEnvoy && !clientTcp,
    ztunnelInPath: src.mode === 'ambient',
    peerIp: src.ip,
    ...(clientTcp ? { tcpRefusal: closedUnread("The client's sidecar (a TCP proxy on this port)") } : {}),
  });
}
