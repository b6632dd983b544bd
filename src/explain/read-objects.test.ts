// Reading a cluster's objects for the engine: every mesh kind, kinds the cluster does not serve skipped.
import { describe, expect, it } from 'vitest';
import type { KubeClient, KubeObject } from '../cluster/client.ts';
import { detectMeshSettings, MESH_KINDS, readMeshObjects } from './read-objects.ts';

function fakeClient(items: Record<string, KubeObject[]>, refuse: Record<string, Error> = {}): KubeClient {
  return {
    list: async ({ kind }) => {
      if (refuse[kind]) throw refuse[kind];
      return (items[kind] ?? []).map(({ apiVersion: _a, kind: _k, ...rest }) => rest as KubeObject);
    },
  } as KubeClient;
}

const pod = (namespace: string, name: string, labels: Record<string, string>, image = 'x'): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace, labels },
  spec: { containers: [{ name: 'c', image }] },
});

describe('readMeshObjects', () => {
  it('lists every mesh kind and puts back the apiVersion and kind list items lack', async () => {
    const objects = await readMeshObjects(fakeClient({ Pod: [pod('hello', 'web', {})] }));
    expect(objects).toEqual([
      expect.objectContaining({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: expect.objectContaining({ name: 'web' }),
      }),
    ]);
    expect(MESH_KINDS.map((k) => k.kind)).toContain('AuthorizationPolicy');
  });

  it('skips a kind the cluster does not serve (no Istio or Gateway API CRDs) and fails on other errors', async () => {
    const missing = new Error('Unrecognized API version and kind: gateway.networking.k8s.io/v1 Gateway');
    await expect(
      readMeshObjects(fakeClient({ Pod: [pod('a', 'b', {})] }, { Gateway: missing })),
    ).resolves.toHaveLength(1);
    await expect(readMeshObjects(fakeClient({}, { Pod: new Error('connect ECONNREFUSED') }))).rejects.toThrow(
      'ECONNREFUSED',
    );
  });
});

describe('detectMeshSettings', () => {
  it('sees the ambient profile when ztunnel runs, and the Istio version of the istiod image', () => {
    const settings = detectMeshSettings([
      pod('istio-system', 'ztunnel-abc', { app: 'ztunnel' }),
      pod('istio-system', 'istiod-1', { app: 'istiod' }, 'docker.io/istio/pilot:1.27.3'),
    ]);
    expect(settings).toMatchObject({
      profile: 'ambient',
      istioVersion: '1.27.3',
      trustDomain: 'cluster.local',
    });
  });

  it('sees the sidecar (default) profile without ztunnel', () => {
    expect(detectMeshSettings([pod('istio-system', 'istiod-1', { app: 'istiod' })]).profile).toBe('default');
  });
});
