// The destination sidecar: PeerAuthentication mode per port, then RequestAuthentication and AuthorizationPolicy, on
// an HTTP or a TCP filter chain as the port's protocol decides, then the app.
import { deliverToApp } from './app-hop.ts';
import { appendForwardedClientCert, forwardedClientCert } from './client-cert.ts';
import { evaluateEnvoyHop } from './envoy-hop.ts';
import { nameOf, type Flow } from './flow.ts';
import { selectPeerAuthentications, sidecarModeForPort } from './peer-authentication.ts';
import { workloadPolicies } from './policy-attachment.ts';
import { inboundProtocolOf, type PortProtocol } from './port-protocol.ts';
import { resetOutcome } from './responses.ts';
import { closedAfterForwarding, closedUnread, type TcpClose } from './tcp-close.ts';
import type { Outcome, TraceEntry } from './types.ts';
import { principalOf } from './workload.ts';

const INBOUND_PASSTHROUGH_IP = '127.0.0.6';
const XFCC = 'x-forwarded-client-cert';

// The peer a server sidecar sees: the client (or the waypoint in front of it).
export interface SidecarPeer {
  principal: string;
  ip: string | undefined;
  mtls: boolean; // whether the peer can speak mTLS/HBONE at all
  clientEnvoy: boolean; // whether the peer is an Envoy (auto mTLS follows the server's PeerAuthentication)
  hcm: boolean; // whether an Envoy before this sidecar parses HTTP (a client sidecar or waypoint on an HTTP port)
}

// How curl's connection ends when the sidecar's TCP proxy cannot reach the app.
function inboundRefusal(flow: Flow): TcpClose {
  // A non-mesh client talks to the sidecar's own TCP proxy, which has not read curl's request yet.
  if (flow.src.mode === 'none') return closedUnread("The sidecar's TCP proxy, which accepted curl's connection itself,");
  return closedAfterForwarding(
    flow.src.mode === 'sidecar' ? "The client's sidecar (a TCP proxy on this port)" : "The client's ztunnel",
  );
}

function inboundProtocolLine(flow: Flow, where: string, inbound: PortProtocol): TraceEntry {
  return {
    hop: 'sidecar',
    where,
    verdict: 'info',
    source: 'pilot/pkg/networking/core/listener_inbound.go',
    message: `The sidecar's inbound chain for port ${flow.targetPort} is ${inbound.protocol} (${inbound.why}): a TCP proxy with the network RBAC filter, no HTTP filters.`,
  };
}

// Enforce the destination sidecar's policies and deliver to the app behind it.
export async function toSidecar(flow: Flow, peer: SidecarPeer): Promise<Outcome> {
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
  const inbound = inboundProtocolOf(snap, dst, flow.targetPort);
  if (inbound.opaque) flow.trace.push(inboundProtocolLine(flow, where, inbound));
  const hop = await evaluateEnvoyHop(flow, {
    hop: 'sidecar',
    where,
    principal: mtls ? peer.principal : undefined,
    sourceIp: peer.ip,
    authorization: workloadPolicies(snap, 'AuthorizationPolicy', dst),
    authentication: workloadPolicies(snap, 'RequestAuthentication', dst),
    transport: inbound.opaque ? 'tcp' : 'http',
  });
  if (hop.denied) return hop.denied;
  const sent = flow.headers.find(([k]) => k.toLowerCase() === XFCC)?.[1];
  const xfcc = mtls && !inbound.opaque ? appendForwardedClientCert(sent, forwardedClientCert(principalOf(dst, snap.settings), peer.principal)) : undefined;
  return await deliverToApp(flow, {
    envoyInPath: peer.hcm || !inbound.opaque,
    ztunnelInPath: false,
    // The inbound cluster binds its upstream connection to 127.0.0.6 (pilot/pkg/networking/core/cluster_builder.go,
    // InboundPassthroughBindIpv4), so that is the peer the app sees.
    peerIp: INBOUND_PASSTHROUGH_IP,
    // Envoy keeps a client's header only over mTLS, appended to; a plaintext connection has it removed
    // (conn_manager_utility.cc, mutateXfccRequestHeader).
    strip: inbound.opaque ? hop.strip : [...hop.strip, XFCC],
    add: xfcc ? [...hop.add, [XFCC, xfcc]] : hop.add,
    ...(inbound.opaque ? { tcpRefusal: inboundRefusal(flow) } : {}),
  });
}
