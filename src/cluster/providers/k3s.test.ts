import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { createPlan, formatPlan } from '../plan.ts';
import { createFakeRunner } from '../testing/fake-runner.ts';
import type { K3sContainerSpec } from './k3s-container.ts';
import { createK3sProvider } from './k3s.ts';

const golden = (name: string) => readFile(join(import.meta.dirname, 'testdata', name), 'utf8');
const k3sKubeconfig = `apiVersion: v1
kind: Config
clusters:
  - name: default
    cluster: { server: 'https://localhost:32771', certificate-authority-data: AAAA }
users:
  - name: default
    user: { client-certificate-data: BBBB, client-key-data: CCCC }
contexts:
  - name: default
    context: { cluster: default, user: default }
current-context: default
`;

async function labsHomeWithIstioctl(version: string): Promise<string> {
  const home = await mkdtemp(join(tmpdir(), 'labs-k3s-'));
  await mkdir(join(home, 'cache', `istioctl-${version}`), { recursive: true });
  await writeFile(join(home, 'cache', `istioctl-${version}`, 'istioctl'), '#!/bin/sh\n', { mode: 0o755 });
  return home;
}

describe('k3s provider dry run', () => {
  it.each(['1.27.9', '1.28.0'])('plans the container, the k3s platform values and Istio %s, and starts nothing', async (version) => {
    const plan = createPlan();
    const runner = createFakeRunner([]);
    const started: K3sContainerSpec[] = [];
    const provider = createK3sProvider({
      plan,
      runner,
      labsHome: '/home/learner/.labs',
      platform: 'linux',
      arch: 'x64',
      startContainer: async (spec) => (started.push(spec), { kubeconfig: '' }),
    });
    expect(await provider.up({ istio: version, profile: 'ambient', dryRun: true })).toEqual({
      target: 'k3s',
      context: 'labs-k3s',
      istio: version,
      kubeconfigPath: '/home/learner/.labs/labs-k3s.kubeconfig',
    });
    expect(formatPlan(plan, { home: '/home/learner' }).join('\n') + '\n').toBe(await golden(`k3s-${version}.plan.txt`));
    expect(runner.calls).toEqual([]);
    expect(started).toEqual([]);
  });
});

describe('k3s provider', () => {
  it('fails as unreachable without a Docker daemon, before starting a container', async () => {
    const runner = createFakeRunner([{ match: 'docker info', result: { exitCode: 1, stderr: 'Cannot connect to the Docker daemon' } }]);
    const started: K3sContainerSpec[] = [];
    const provider = createK3sProvider({ runner, labsHome: '/nowhere/.labs', startContainer: async (spec) => (started.push(spec), { kubeconfig: '' }) });
    await expect(provider.up({ istio: '1.28.0', profile: 'ambient' })).rejects.toMatchObject({
      kind: 'unreachable',
      message: expect.stringMatching(/^Docker is not running: the k3s target runs k3s in a Docker container\. Start Docker/),
    });
    expect(started).toEqual([]);
  });

  it('starts the container with traefik off, writes its kubeconfig as context labs-k3s, and installs with the platform its node reports', async () => {
    const labsHome = await labsHomeWithIstioctl('1.28.0');
    const runner = createFakeRunner([
      { match: 'docker info', result: { stdout: '28.2.2\n' } },
      { match: 'kubectl version', result: {} },
      { match: 'docker inspect', result: { exitCode: 1, stderr: 'Error: No such object: labs-k3s' } },
      { match: 'docker exec labs-k3s grep -m1 bin_dir', result: { stdout: '  bin_dir = "/bin"\n' } },
      { match: / get (crd|deployment istiod) /, result: { exitCode: 1, stderr: 'NotFound' } },
      // a fresh k3s registers its node a little after the log line the container module waits for
      { match: / get nodes -o name$/, result: () => ({ stdout: ++nodeLooks < 3 ? '' : 'node/labs-k3s\n' }) },
      { match: / get deployment coredns -o name$/, result: { stdout: 'deployment.apps/coredns\n' } },
      { match: 'kubectl --kubeconfig', result: {} },
      { match: `${labsHome}/cache/istioctl-1.28.0/istioctl install`, result: {} },
    ]);
    let nodeLooks = 0;
    const started: K3sContainerSpec[] = [];
    const provider = createK3sProvider({
      runner,
      labsHome,
      pollIntervalMs: 0,
      clock: () => new Date('2026-11-23T10:00:00Z'),
      startContainer: async (spec) => (started.push(spec), { kubeconfig: k3sKubeconfig }),
    });
    await provider.up({ istio: '1.28.0', profile: 'ambient' });
    expect(started).toEqual([
      {
        name: 'labs-k3s',
        image: 'rancher/k3s:v1.33.3-k3s1',
        command: ['server', '--disable=traefik'],
        labels: { 'app.kubernetes.io/managed-by': 'labs', 'dev.labs.cluster': 'labs-k3s' },
      },
    ]);
    const written = parse(await provider.kubeconfig());
    expect(written['current-context']).toBe('labs-k3s');
    expect(written.contexts[0]).toEqual({ name: 'labs-k3s', context: { cluster: 'default', user: 'default' } });
    expect(runner.calls).toContain(
      `${labsHome}/cache/istioctl-1.28.0/istioctl install --kubeconfig ${labsHome}/labs-k3s.kubeconfig --context labs-k3s --set profile=ambient --set values.global.platform=k3d -y`,
    );
    expect(runner.inputs.find((input) => input?.includes('labs-marker'))).toContain("createdAt: 2026-11-23T10:00:00.000Z");
    // it looked for the node until it was there, and only then waited for it to be Ready
    const calls = runner.calls.map((c) => c.replace(/^kubectl --kubeconfig \S+ --context labs-k3s /, ''));
    expect(calls.filter((c) => c === 'get nodes -o name')).toHaveLength(3);
    expect(calls.lastIndexOf('get nodes -o name')).toBeLessThan(calls.indexOf('wait --for=condition=Ready nodes --all --timeout=120s'));
  });

  it('refuses a container named labs-k3s that labs did not label', async () => {
    const runner = createFakeRunner([
      { match: 'docker info', result: { stdout: '28.2.2\n' } },
      { match: 'kubectl version', result: {} },
      { match: 'docker inspect', result: { stdout: 'true <no value>\n' } },
    ]);
    const provider = createK3sProvider({ runner, labsHome: '/nowhere/.labs', startContainer: async () => ({ kubeconfig: '' }) });
    await expect(provider.up({ istio: '1.28.0', profile: 'ambient' })).rejects.toMatchObject({
      kind: 'unsafe-context',
      message: 'Refusing to touch container "labs-k3s": it was not created by labs. Remove it (docker rm -f -v labs-k3s) and try again.',
    });
    expect(runner.calls.some((call) => call.startsWith('docker rm'))).toBe(false);
  });

  it('reuses its running container when the kubeconfig and the marker are there, starting nothing', async () => {
    const labsHome = await labsHomeWithIstioctl('1.28.0');
    await writeFile(join(labsHome, 'labs-k3s.kubeconfig'), k3sKubeconfig);
    const runner = createFakeRunner([
      { match: 'docker info', result: { stdout: '28.2.2\n' } },
      { match: 'kubectl version', result: {} },
      { match: 'docker inspect', result: { stdout: 'true labs\n' } },
      { match: / get configmap labs-marker /, result: { stdout: 'configmap/labs-marker\n' } },
      { match: 'docker exec labs-k3s', result: { stdout: 'bin_dir = "/var/lib/rancher/k3s/data/cni"\n' } },
      { match: / get deployment istiod /, result: { stdout: '1.28.0' } },
      { match: 'kubectl --kubeconfig', result: {} },
    ]);
    const started: K3sContainerSpec[] = [];
    const logs: string[] = [];
    await createK3sProvider({ runner, labsHome, startContainer: async (spec) => (started.push(spec), { kubeconfig: '' }) }).up({
      istio: '1.28.0',
      profile: 'ambient',
      log: (line) => logs.push(line),
    });
    expect(started).toEqual([]);
    expect(runner.calls.filter((call) => /docker rm|istioctl install/.test(call))).toEqual([]);
    expect(logs).toEqual([
      'Reusing the k3s container "labs-k3s"',
      'k3s container "labs-k3s" is ready; installing Istio 1.28.0 (platform k3s)',
      'Istio 1.28.0 is already installed; reusing it',
    ]);
  });

  it('removes the container and its volumes on down', async () => {
    const runner = createFakeRunner([
      { match: 'docker info', result: { stdout: '28.2.2\n' } },
      { match: 'docker rm', result: { stdout: 'labs-k3s\n' } },
    ]);
    await createK3sProvider({ runner, labsHome: await mkdtemp(join(tmpdir(), 'labs-k3s-')) }).down();
    expect(runner.calls).toEqual(['docker info --format {{.ServerVersion}}', 'docker rm -f -v labs-k3s']);
  });
});
