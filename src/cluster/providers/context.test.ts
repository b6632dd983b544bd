import { KubeConfig } from '@kubernetes/client-node';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MarkerReader } from '../context-guard.ts';
import { createPlan, formatPlan } from '../plan.ts';
import { createFakeRunner } from '../testing/fake-runner.ts';
import { createContextProvider } from './context.ts';

function kubeconfigWith(...names: string[]): KubeConfig {
  const config = new KubeConfig();
  config.loadFromOptions({
    clusters: names.map((name) => ({ name, server: `https://${name}.example.com:6443` })),
    users: [{ name: 'u', token: 't' }],
    contexts: names.map((name) => ({ name, cluster: name, user: 'u' })),
    currentContext: names[0],
  });
  return config;
}

const markerOn = (...contexts: string[]): MarkerReader => ({ hasMarker: async (context) => contexts.includes(context) });

describe('context provider', () => {
  it('refuses a foreign context before running anything that changes it', async () => {
    const runner = createFakeRunner([{ match: 'kubectl version', result: {} }]);
    const provider = createContextProvider('prod-eu', { yes: false, runner, kubeconfig: kubeconfigWith('prod-eu'), markerReader: markerOn() });
    await expect(provider.up({ istio: '1.28.0', profile: 'ambient' })).rejects.toMatchObject({ kind: 'unsafe-context' });
    expect(runner.calls).toEqual(['kubectl version --client']);
  });

  it('plans the marker check and an install with the k3s platform on a k3s host in a dry run', async () => {
    const plan = createPlan();
    const runner = createFakeRunner([]);
    const provider = createContextProvider('lab-box', {
      yes: false,
      runner,
      plan,
      labsHome: '/home/learner/.labs',
      platform: 'linux',
      arch: 'arm64',
      kubeconfig: kubeconfigWith('lab-box'),
      markerReader: markerOn('lab-box'),
    });
    const info = await provider.up({ istio: '1.26', profile: 'ambient', dryRun: true });
    expect(info).toEqual({ target: 'context=lab-box', context: 'lab-box', istio: '1.26.8', server: 'https://lab-box.example.com:6443' });
    const lines = formatPlan(plan, { home: '/home/learner' });
    expect(lines.slice(0, 2)).toEqual(['run kubectl version --client', 'api get configmap kube-public/labs-marker (context lab-box)']);
    expect(lines).toContain('download https://github.com/istio/istio/releases/download/1.26.8/istioctl-1.26.8-linux-arm64.tar.gz -> ~/.labs/cache/istioctl-1.26.8-linux-arm64.tar.gz');
    expect(lines).toContain('run ~/.labs/cache/istioctl-1.26.8/istioctl install --context lab-box --set profile=ambient -y');
    expect(runner.calls).toEqual([]);
  });

  it('passes the k3s platform value when the nodes run k3s on a host', async () => {
    const labsHome = await mkdtemp(join(tmpdir(), 'labs-context-'));
    await mkdir(join(labsHome, 'cache', 'istioctl-1.28.0'), { recursive: true });
    await writeFile(join(labsHome, 'cache', 'istioctl-1.28.0', 'istioctl'), '#!/bin/sh\n', { mode: 0o755 });
    const runner = createFakeRunner([
      { match: 'kubectl version', result: {} },
      { match: 'kubectl --context edge get nodes', result: { stdout: 'edge-1 v1.33.3+k3s1\n' } },
      { match: / get (crd|deployment istiod) /, result: { exitCode: 1, stderr: 'NotFound' } },
      { match: 'kubectl --context edge', result: {} },
      { match: /istioctl install/, result: {} },
    ]);
    const provider = createContextProvider('edge', { yes: true, runner, labsHome, kubeconfig: kubeconfigWith('edge') });
    await provider.up({ istio: '1.28.0', profile: 'ambient' });
    expect(runner.calls).toContain(
      `${labsHome}/cache/istioctl-1.28.0/istioctl install --context edge --set profile=ambient --set values.global.platform=k3s -y`,
    );
  });

  it('describes a context that is not in the kubeconfig as not up', async () => {
    const provider = createContextProvider('gone', { yes: true, runner: createFakeRunner([]), kubeconfig: kubeconfigWith('a') });
    expect(await provider.describe()).toBeUndefined();
  });

  it('hands out the person\'s kubeconfig with the chosen context current', async () => {
    const provider = createContextProvider('b', { yes: true, kubeconfig: kubeconfigWith('a', 'b') });
    const exported = new KubeConfig();
    exported.loadFromString(await provider.kubeconfig());
    expect(exported.getCurrentContext()).toBe('b');
  });
});
