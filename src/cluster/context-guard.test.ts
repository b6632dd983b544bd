import { KubeConfig } from '@kubernetes/client-node';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApiMarkerReader, guardContext, type MarkerReader } from './context-guard.ts';
import { ClusterError } from './errors.ts';

const twoContexts = `apiVersion: v1
kind: Config
clusters:
  - name: kind-labs
    cluster: { server: 'https://127.0.0.1:41234' }
  - name: prod-eu
    cluster: { server: 'https://prod-eu.example.com:6443' }
users:
  - name: learner
    user: { token: abc }
contexts:
  - name: kind-labs
    context: { cluster: kind-labs, user: learner }
  - name: prod-eu
    context: { cluster: prod-eu, user: learner }
current-context: prod-eu
`;

async function loadKubeconfig(text: string): Promise<KubeConfig> {
  const file = join(await mkdtemp(join(tmpdir(), 'labs-kubeconfig-')), 'config');
  await writeFile(file, text);
  const config = new KubeConfig();
  config.loadFromFile(file);
  return config;
}

// A fake API reader: the marker is on the clusters listed, and every question is kept
function markerOn(...contexts: string[]): MarkerReader & { asked: string[] } {
  const asked: string[] = [];
  return { asked, hasMarker: async (context) => (asked.push(context), contexts.includes(context)) };
}

describe('context guard', () => {
  it('accepts a context whose cluster carries the labs marker', async () => {
    const reader = markerOn('kind-labs');
    const kubeconfig = await loadKubeconfig(twoContexts);
    expect(await guardContext({ kubeconfig, context: 'kind-labs', yes: false, reader })).toBe('marked');
    expect(reader.asked).toEqual(['kind-labs']);
  });

  it('refuses a context labs did not create and says how to force it', async () => {
    const kubeconfig = await loadKubeconfig(twoContexts);
    const refusal = guardContext({ kubeconfig, context: 'prod-eu', yes: false, reader: markerOn('kind-labs') });
    await expect(refusal).rejects.toBeInstanceOf(ClusterError);
    await expect(refusal).rejects.toMatchObject({
      kind: 'unsafe-context',
      message:
        'Refusing to touch kube context "prod-eu": it was not created by labs. To use it anyway: --target context=prod-eu --yes ' +
        '(labs then installs the Istio version asked for there with istioctl, upgrading one istioctl installed but ' +
        "using as it is one installed otherwise, and applies the lab's manifests)",
    });
  });

  it('accepts a foreign context with --yes without asking the cluster', async () => {
    const reader = markerOn();
    const kubeconfig = await loadKubeconfig(twoContexts);
    expect(await guardContext({ kubeconfig, context: 'prod-eu', yes: true, reader })).toBe('forced');
    expect(reader.asked).toEqual([]);
  });

  it('names the contexts there are when the one asked for is not in the kubeconfig, even with --yes', async () => {
    const kubeconfig = await loadKubeconfig(twoContexts);
    await expect(guardContext({ kubeconfig, context: 'prod-us', yes: true, reader: markerOn() })).rejects.toMatchObject({
      kind: 'unreachable',
      message: 'Kube context "prod-us" is not in the kubeconfig ($KUBECONFIG or ~/.kube/config); contexts there: kind-labs, prod-eu.',
    });
  });
});

describe('API marker reader', () => {
  async function apiAnswering(status: number): Promise<{ kubeconfig: KubeConfig; paths: string[]; close: () => void }> {
    const paths: string[] = [];
    const server = createServer((request, response) => {
      paths.push(request.url ?? '');
      if (request.url === '/api/v1') {
        // discovery, for the ConfigMap's resource name
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ kind: 'APIResourceList', groupVersion: 'v1', resources: [{ name: 'configmaps', namespaced: true, kind: 'ConfigMap', verbs: ['get'] }] }));
        return;
      }
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(status === 200 ? { kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'labs-marker' } } : { kind: 'Status', code: status }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const kubeconfig = new KubeConfig();
    kubeconfig.loadFromOptions({
      clusters: [{ name: 'local', server: `http://127.0.0.1:${port}`, skipTLSVerify: true }],
      users: [{ name: 'u' }],
      contexts: [{ name: 'local', cluster: 'local', user: 'u' }],
      currentContext: 'local',
    });
    return { kubeconfig, paths, close: () => server.close() };
  }

  it('reads ConfigMap kube-public/labs-marker and treats 404 and 403 as not created by labs', async () => {
    const found = await apiAnswering(200);
    const missing = await apiAnswering(404);
    const forbidden = await apiAnswering(403);
    try {
      expect(await createApiMarkerReader(found.kubeconfig).hasMarker('local')).toBe(true);
      expect(await createApiMarkerReader(missing.kubeconfig).hasMarker('local')).toBe(false);
      expect(await createApiMarkerReader(forbidden.kubeconfig).hasMarker('local')).toBe(false);
      expect(found.paths).toEqual(['/api/v1', '/api/v1/namespaces/kube-public/configmaps/labs-marker']);
    } finally {
      found.close();
      missing.close();
      forbidden.close();
    }
  });

  it('reports a cluster it cannot reach as unreachable, naming the context and server', async () => {
    const kubeconfig = new KubeConfig();
    kubeconfig.loadFromOptions({
      clusters: [{ name: 'gone', server: 'http://127.0.0.1:9', skipTLSVerify: true }],
      users: [{ name: 'u' }],
      contexts: [{ name: 'gone', cluster: 'gone', user: 'u' }],
      currentContext: 'gone',
    });
    await expect(createApiMarkerReader(kubeconfig).hasMarker('gone')).rejects.toMatchObject({
      kind: 'unreachable',
      message: expect.stringMatching(/^Could not reach the API server of kube context "gone" \(http:\/\/127\.0\.0\.1:9\): .*Check that the cluster is running\.$/),
    });
  });
});
