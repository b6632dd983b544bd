import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as k8s from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmbeddedProvider, detachedClusterStatus, startDetachedCluster, stopDetachedCluster } from './embedded.ts';

const homes: string[] = [];
function freshHome(): string {
  const home = mkdtempSync(join(tmpdir(), 'labs-home-'));
  homes.push(home);
  return home;
}

afterEach(async () => {
  for (const home of homes.splice(0)) {
    await stopDetachedCluster({ home });
    rmSync(home, { recursive: true, force: true });
  }
});

async function namespaces(kubeconfig: string): Promise<string[]> {
  const kc = new k8s.KubeConfig();
  kc.loadFromString(kubeconfig);
  const list = await kc.makeApiClient(k8s.CoreV1Api).listNamespace();
  return list.items.map((n) => n.metadata?.name ?? '');
}

describe('the embedded provider', () => {
  it('starts a cluster in this process with Istio at the version asked, and release() stops it', async () => {
    const provider = createEmbeddedProvider({ home: freshHome() });
    expect(provider.convergenceMs).toBe(0);
    const info = await provider.up({ istio: '1.27.2', profile: 'ambient' });
    expect(info).toMatchObject({ target: 'embedded', context: 'labs-embedded', istio: '1.27.2' });
    const kubeconfig = await provider.kubeconfig();
    expect(await namespaces(kubeconfig)).toEqual(['default', 'istio-system', 'kube-node-lease', 'kube-public', 'kube-system']);
    expect(provider.requestCount?.()).toBeGreaterThan(0);
    await provider.release();
    await expect(namespaces(kubeconfig)).rejects.toThrow();
  });

  it('reuses the detached cluster labs up started, and stopDetachedCluster ends it', async () => {
    const home = freshHome();
    const started = await startDetachedCluster({ home, istio: '1.28.0' });
    expect(started.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect((await detachedClusterStatus({ home }))?.pid).toBe(started.pid);
    const provider = createEmbeddedProvider({ home });
    const info = await provider.up({ istio: '1.28.0', profile: 'ambient' });
    expect(info.server).toBe(started.url);
    expect(await namespaces(await provider.kubeconfig())).toContain('istio-system');
    await provider.release();
    expect(await detachedClusterStatus({ home })).toBeDefined();
    expect(await stopDetachedCluster({ home })).toBe(true);
    expect(await detachedClusterStatus({ home })).toBeUndefined();
    expect(await stopDetachedCluster({ home })).toBe(false);
  });

  it('ignores a state file whose process is gone', async () => {
    const home = freshHome();
    writeFileSync(join(home, 'embedded.json'), JSON.stringify({ pid: 2 ** 22 + 7, url: 'https://127.0.0.1:1', kubeconfigPath: join(home, 'embedded.kubeconfig') }));
    expect(await detachedClusterStatus({ home })).toBeUndefined();
    expect(await createEmbeddedProvider({ home }).describe()).toBeUndefined();
  });
});
