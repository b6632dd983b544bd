// The x-forwarded-client-cert header a sidecar's inbound listener adds for a peer that came over mTLS: Istio sets
// forward_client_cert_details to APPEND_FORWARD (pilot/pkg/networking/core/listener_inbound.go,
// pilot/pkg/networking/util/proxy_headers.go), and istio.io's authn-policy task shows it as the sign of mTLS.

// Envoy's Hash is the SHA-256 of the peer's certificate. The engine has no certificates, so it writes a stand-in of
// the same shape (64 hex digits), fixed for a peer identity: FNV-1a over the identity, eight rounds.
function certificateHash(identity: string): string {
  let out = '';
  for (let round = 0; round < 8; round++) {
    let h = 0x811c9dc5 ^ round;
    for (let i = 0; i < identity.length; i++) h = Math.imul(h ^ identity.charCodeAt(i), 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out;
}

// The header's element for one hop: By the server's identity, the peer certificate's Hash, its Subject (Istio's
// certificates have none) and URI (the peer's SPIFFE ID).
export function forwardedClientCert(server: string, peer: string): string {
  return `By=spiffe://${server};Hash=${certificateHash(`spiffe://${peer}`)};Subject="";URI=spiffe://${peer}`;
}

// APPEND_FORWARD: what the client already sent is kept, with this hop's element after a comma.
export function appendForwardedClientCert(sent: string | undefined, element: string): string {
  return sent ? `${sent},${element}` : element;
}
