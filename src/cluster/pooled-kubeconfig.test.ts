import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { createKubeconfig } from '../sim/kubeconfig.ts';
import { certWithOpenssl } from '../sim/tls.ts';
import { createKubeClient } from './client.ts';

// An HTTPS API that knows one ConfigMap, and counts the TLS handshakes it serves.
async function countingApi() {
  const { cert, key } = await certWithOpenssl();
  const handshakes: Array<{ resumed: boolean }> = [];
  const server: Server = createServer({ cert, key }, (request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    if (request.url === '/api/v1') {
      response.end(JSON.stringify({ kind: 'APIResourceList', groupVersion: 'v1', resources: [{ name: 'configmaps', namespaced: true, kind: 'ConfigMap', verbs: ['get'] }] }));
    } else {
      response.end(JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'default' } }));
    }
  });
  server.on('secureConnection', (socket: TLSSocket) => handshakes.push({ resumed: socket.isSessionReused() }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { kubeconfig: createKubeconfig({ url, caPem: cert, token: 'secret' }), handshakes, server };
}

describe('a client of one kubeconfig', () => {
  let server: Server | undefined;
  afterEach(() => {
    server?.closeAllConnections();
    server?.close();
  });

  it('sends its API calls over one kept-alive TLS connection instead of a handshake per call', async () => {
    const api = await countingApi();
    server = api.server;
    const client = createKubeClient(api.kubeconfig);
    for (let i = 0; i < 3; i++) {
      expect(await client.read({ apiVersion: 'v1', kind: 'ConfigMap', name: 'settings', namespace: 'default' })).toMatchObject({ kind: 'ConfigMap' });
    }
    // discovery and three reads, all on the first connection
    expect(api.handshakes).toHaveLength(1);
  });
});
