// What curl sees when a connection carried as opaque TCP (a port declared TCP) is closed before any answer.
// Nothing on such a path writes an HTTP reply, so curl only ever sees how its socket ends:
// - The proxy holding curl's socket had already read curl's request and passed it on: ztunnel copying into a tunnel
//   (ztunnel src/copy.rs: when the far side ends, it shuts down its write side towards curl), an Envoy TcpProxy whose
//   upstream had connected, or an Envoy network RBAC filter, which reads the first bytes and then closes without
//   flushing (envoy source/extensions/filters/network/rbac/rbac_filter.cc). The close is a FIN with nothing before
//   it: curl: (52) Empty reply from server.
// - The request is still unread in curl's socket when the proxy closes: an Envoy TcpProxy keeps reading disabled
//   until its upstream connects (envoy source/common/tcp_proxy/tcp_proxy.cc), so a failed upstream connect closes a
//   socket with unread data, and the kernel sends a reset: curl: (56) Connection reset by peer.
// Whether an Envoy that tunnels through HBONE (an internal listener that connects at once) has already taken curl's
// bytes is not settled by Istio's source; we take the FIN, and the trace says so.
import { emptyReplyOutcome, resetOutcome } from './responses.ts';
import type { Outcome } from './types.ts';

// How curl's connection ends, and why, for the trace.
export interface TcpClose {
  outcome: Outcome;
  why: string;
}

// The proxy holding curl's socket had already forwarded curl's request when the far side closed.
export function closedAfterForwarding(holder: string): TcpClose {
  return {
    outcome: emptyReplyOutcome(),
    why: `${holder} had already passed curl's request on, so it closes curl's connection cleanly and curl reads end of file before any byte: (52) Empty reply from server`,
  };
}

// An Envoy's network RBAC filter denied the connection (on the first bytes it read).
export function closedByNetworkRbac(hop: string): TcpClose {
  return {
    outcome: emptyReplyOutcome(),
    why: `The ${hop}'s network RBAC filter decides on the first bytes it reads, so curl's request had already been read by it and by every proxy before it; the close travels back as a clean end of stream and curl reads end of file before any byte: (52) Empty reply from server`,
  };
}

// The proxy holding curl's socket closes it with curl's request still unread.
export function closedUnread(holder: string): TcpClose {
  return {
    outcome: resetOutcome(),
    why: `${holder} keeps curl's request unread until its upstream connects, so closing leaves unread data and the kernel resets curl's connection: (56)`,
  };
}

// The same when a client sidecar tunnels the bytes through HBONE (the uncertain case above).
export function closedBehindSidecarTunnel(): TcpClose {
  const close = closedAfterForwarding("The client's sidecar (TCP proxy into an HBONE tunnel)");
  return {
    outcome: close.outcome,
    why: `${close.why}. Whether curl sees this FIN or a reset depends on Envoy's internal buffering, which Istio's source does not settle; the engine assumes the FIN`,
  };
}
