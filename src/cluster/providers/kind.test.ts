import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCommandRunner } from '../command.ts';
import { ClusterError } from '../errors.ts';
import { createPlan, formatPlan } from '../plan.ts';
import { createFakeRunner } from '../testing/fake-runner.ts';
import { createKindProvider } from './kind.ts';

const refuseEverything = createFakeRunner([]);
const golden = (name: string) => readFile(join(import.meta.dirname, 'testdata', name), 'utf8');

async function labsHomeWithIstioctl(version: string): Promise<string> {
  const home = await mkdtemp(join(tmpdir(), 'labs-kind-'));
  const folder = join(home, 'cache', `istioctl-${version}`);
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, 'istioctl'), '#!/bin/sh\necho fake\n', { mode: 0o755 });
  return home;
}

describe('kind provider dry run', () => {
  it.each(['1.27.9', '1.28.0'])('plans every command for Istio %s and runs none of them', async (version) => {
    const plan = createPlan();
    const provider = createKindProvider({ plan, runner: refuseEverything, labsHome: '/home/learner/.labs', platform: 'linux', arch: 'x64' });
    const info = await provider.up({ istio: version, profile: 'ambient', dryRun: true });
    expect(info).toEqual({ target: 'kind', context: 'kind-labs', istio: version, kubeconfigPath: '/home/learner/.labs/kind-labs.kubeconfig' });
    expect(formatPlan(plan, { home: '/home/learner' }).join('\n') + '\n').toBe(await golden(`kind-${version}.plan.txt`));
    expect(refuseEverything.calls).toEqual([]);
  });
});

describe('kind provider without a Docker daemon', () => {
  it('fails as unreachable, naming Docker and what to do, before running kind', async () => {
    const runner = createFakeRunner([
      { match: 'docker info', result: { exitCode: 1, stderr: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock.' } },
    ]);
    const provider = createKindProvider({ runner, labsHome: '/nowhere/.labs' });
    const failure = provider.up({ istio: '1.28.0', profile: 'ambient' });
    await expect(failure).rejects.toThrow(ClusterError);
    await expect(failure).rejects.toMatchObject({
      kind: 'unreachable',
      message:
        'Docker is not running: kind needs a Docker daemon. Start Docker (or install it: https://docs.docker.com/get-docker/), ' +
        'or use the embedded cluster (the default target).',
    });
    expect(runner.calls).toEqual(['docker info --format {{.ServerVersion}}']);
  });

  it('fails as unreachable on this machine, whose docker client finds no daemon', async () => {
    const runner = createCommandRunner({ env: { DOCKER_HOST: 'unix:///nonexistent/labs-test-docker.sock' } });
    const provider = createKindProvider({ runner, labsHome: await mkdtemp(join(tmpdir(), 'labs-kind-')) });
    await expect(provider.up({ istio: '1.28.0', profile: 'ambient' })).rejects.toMatchObject({
      kind: 'unreachable',
      message: expect.stringContaining('Docker is not running: kind needs a Docker daemon.'),
    });
  });

  it('reports kind missing from PATH as tool-missing with the install link', async () => {
    const runner = createFakeRunner([
      { match: 'docker info', result: { stdout: '28.2.2\n' } },
      { match: 'kind version', result: { exitCode: 127, missing: true } },
    ]);
    const provider = createKindProvider({ runner, labsHome: '/nowhere/.labs' });
    await expect(provider.up({ istio: '1.28.0', profile: 'ambient' })).rejects.toMatchObject({
      kind: 'tool-missing',
      message:
        'kind was not found on PATH; install it (https://kind.sigs.k8s.io/docs/user/quick-start/#installation) or use the embedded cluster.',
    });
  });
});

describe('kind provider on a running Docker', () => {
  const docker = [
    { match: 'docker info', result: { stdout: '28.2.2\n' } },
    { match: 'kind version', result: { stdout: '0.30.0\n' } },
    { match: 'kubectl version', result: { stdout: 'Client Version: v1.32.4\n' } },
  ];

  it('reuses the labs cluster it created and an Istio of the same version, installing nothing', async () => {
    const labsHome = await labsHomeWithIstioctl('1.28.0');
    const runner = createFakeRunner([
      ...docker,
      { match: 'kind get clusters', result: { stdout: 'other\nlabs\n' } },
      { match: 'kind export kubeconfig', result: {} },
      { match: `kubectl --kubeconfig ${labsHome}/kind-labs.kubeconfig --context kind-labs -n kube-public get configmap`, result: { stdout: 'configmap/labs-marker\n' } },
      { match: `kubectl --kubeconfig ${labsHome}/kind-labs.kubeconfig --context kind-labs version -o json`, result: { stdout: '{"serverVersion":{"minor":"33"}}' } },
      { match: `kubectl --kubeconfig ${labsHome}/kind-labs.kubeconfig --context kind-labs get crd`, result: { stdout: 'v1.4.0' } },
      { match: `kubectl --kubeconfig ${labsHome}/kind-labs.kubeconfig --context kind-labs -n istio-system get deployment istiod`, result: { stdout: '1.28.0' } },
      { match: `kubectl --kubeconfig ${labsHome}/kind-labs.kubeconfig --context kind-labs -n istio-system get daemonset ztunnel`, result: { stdout: 'daemonset.apps/ztunnel' } },
      { match: `kubectl --kubeconfig ${labsHome}/kind-labs.kubeconfig --context kind-labs -n istio-system rollout status`, result: {} },
    ]);
    const provider = createKindProvider({ runner, labsHome });
    expect(await provider.up({ istio: '1.28.0', profile: 'ambient' })).toEqual({
      target: 'kind',
      context: 'kind-labs',
      istio: '1.28.0',
      kubeconfigPath: `${labsHome}/kind-labs.kubeconfig`,
    });
    expect(runner.calls.filter((call) => /kind create|istioctl install|apply/.test(call))).toEqual([]);
    expect(runner.calls).toContain(`kind export kubeconfig --name labs --kubeconfig ${labsHome}/kind-labs.kubeconfig`);
  });

  it('upgrades in place when the cluster runs another Istio version', async () => {
    const labsHome = await labsHomeWithIstioctl('1.28.0');
    const runner = createFakeRunner([
      ...docker,
      { match: 'kind get clusters', result: { stdout: 'labs\n' } },
      { match: 'kind export kubeconfig', result: {} },
      { match: / get configmap labs-marker /, result: { stdout: 'configmap/labs-marker\n' } },
      { match: / get deployment istiod /, result: { stdout: '1.27.9' } },
      { match: 'kubectl --kubeconfig', result: {} },
      { match: `${labsHome}/cache/istioctl-1.28.0/istioctl install`, result: {} },
    ]);
    await createKindProvider({ runner, labsHome }).up({ istio: '1.28.0', profile: 'ambient' });
    expect(runner.calls).toContain(
      `${labsHome}/cache/istioctl-1.28.0/istioctl install --kubeconfig ${labsHome}/kind-labs.kubeconfig --context kind-labs --set profile=ambient -y`,
    );
  });

  it('refuses a kind cluster named labs that lacks the labs marker', async () => {
    const runner = createFakeRunner([
      ...docker,
      { match: 'kind get clusters', result: { stdout: 'labs\n' } },
      { match: 'kind export kubeconfig', result: {} },
      { match: 'kubectl --kubeconfig', result: { exitCode: 1, stderr: 'Error from server (NotFound)' } },
    ]);
    const labsHome = await mkdtemp(join(tmpdir(), 'labs-kind-'));
    await expect(createKindProvider({ runner, labsHome }).up({ istio: '1.28.0', profile: 'ambient' })).rejects.toMatchObject({
      kind: 'unsafe-context',
      message:
        'Refusing to touch kind cluster "labs": it was not created by labs. Delete it (kind delete cluster --name labs), ' +
        'or to use it anyway: --target context=kind-labs --yes',
    });
  });

  it('reports a failed istioctl install as an install error with its exit code and last output lines', async () => {
    const labsHome = await labsHomeWithIstioctl('1.28.0');
    const runner = createFakeRunner([
      ...docker,
      { match: 'kind get clusters', result: { stdout: '', stderr: 'No kind clusters found.\n' } },
      { match: 'kind create cluster', result: {} },
      { match: / get (crd|deployment istiod) /, result: { exitCode: 1, stderr: 'Error from server (NotFound)' } },
      { match: 'kubectl --kubeconfig', result: {} },
      {
        match: `${labsHome}/cache/istioctl-1.28.0/istioctl install`,
        result: { exitCode: 1, stderr: '✘ Ztunnel encountered an error: failed to wait for resource: resources not ready after 5m0s\n  DaemonSet/istio-system/ztunnel\n' },
      },
    ]);
    const failure = createKindProvider({ runner, labsHome }).up({ istio: '1.28.0', profile: 'ambient' });
    await expect(failure).rejects.toMatchObject({ kind: 'install' });
    await expect(failure).rejects.toThrow(
      /istioctl install .* failed with exit code 1\. See which component failed above.*\n {2}✘ Ztunnel encountered an error: .*\n +DaemonSet\/istio-system\/ztunnel$/,
    );
    expect(runner.calls.some((call) => call.startsWith('kind create cluster --name labs --config clusters/kind/labs.yaml --wait 120s'))).toBe(true);
    expect(runner.inputs.find((input) => input?.includes('labs-marker'))).toContain('namespace: kube-public');
  });

  it('deletes the cluster it created on down', async () => {
    const runner = createFakeRunner([
      { match: 'docker info', result: { stdout: '28.2.2\n' } },
      { match: 'kind delete cluster', result: { stderr: 'Deleting cluster "labs" ...\n' } },
    ]);
    await createKindProvider({ runner, labsHome: '/nowhere/.labs' }).down();
    expect(runner.calls).toEqual(['docker info --format {{.ServerVersion}}', 'kind delete cluster --name labs --kubeconfig /nowhere/.labs/kind-labs.kubeconfig']);
  });
});

describe('kind provider with --preload', () => {
  it('pulls and loads the images for the full Istio version into the new cluster before installing Istio', async () => {
    const plan = createPlan();
    const asked: string[] = [];
    const provider = createKindProvider({
      plan,
      runner: createFakeRunner([]),
      labsHome: '/home/learner/.labs',
      platform: 'linux',
      arch: 'x64',
      preload: (version) => (asked.push(version), [`docker.io/istio/ztunnel:${version}-distroless`]),
    });
    await provider.up({ istio: '1.27', profile: 'ambient', dryRun: true });
    expect(asked).toEqual(['1.27.9']);
    const lines = formatPlan(plan, { home: '/home/learner' });
    const pull = lines.indexOf('run docker pull --platform linux/amd64 docker.io/istio/ztunnel:1.27.9-distroless');
    expect(lines[pull + 1]).toBe('run kind load docker-image docker.io/istio/ztunnel:1.27.9-distroless --name labs');
    expect(pull).toBeGreaterThan(lines.findIndex((line) => line.includes('labs-marker')));
    expect(pull).toBeLessThan(lines.findIndex((line) => line.startsWith('download ')));
  });
});
