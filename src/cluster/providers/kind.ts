// The kind target: a kind cluster named "labs" from clusters/kind/labs.yaml, with its kubeconfig in a file
// labs owns, the labs marker, and Istio at the version asked. Reuses the cluster it created before.
import { mkdir, readFile, rm } from 'node:fs/promises';
import { assertDockerRunning } from '../docker.ts';
import { ClusterError } from '../errors.ts';
import type { Executor } from '../executor.ts';
import { ensureIstio } from '../istio.ts';
import { readInstalledIstio } from '../istio/install.ts';
import { loadIstioSettings } from '../istio/settings.ts';
import { nodePlatform, preloadImages } from '../images.ts';
import type { KubeTarget } from '../kube-target.ts';
import { kubeFlags } from '../kube-target.ts';
import { hasMarker, writeMarker } from '../marker.ts';
import type { ClusterInfo, ClusterProvider, ProviderOptions } from '../provider.ts';
import { ownedKubeconfigPath, requireTools, resolveDeps, startExecutor, type RealProviderDeps, type ResolvedDeps } from './real-deps.ts';

export interface KindProviderOptions extends RealProviderDeps {
  name?: string; // cluster name, default "labs" (context kind-labs)
  config?: string; // kind config, relative to the package root
  // --preload: the images to pull on the host and load into the nodes before Istio is installed,
  // given the full Istio version (see listImages in ../images.ts)
  preload?: (istioVersion: string) => string[];
}

const kindClusters = (stdout: string) => stdout.split('\n').map((line) => line.trim());

// Create the kind provider (kind CLI + Docker)
export function createKindProvider(options: KindProviderOptions = {}): ClusterProvider {
  const deps = resolveDeps(options);
  const name = options.name ?? 'labs';
  const config = options.config ?? 'clusters/kind/labs.yaml';
  const kube: KubeTarget = { kubeconfigPath: ownedKubeconfigPath(deps.labsHome, `kind-${name}`), context: `kind-${name}` };
  let info: ClusterInfo | undefined;

  const exists = async (exec: Executor) => {
    const answer = await exec.ask('kind', ['get', 'clusters'], {
      assume: { exitCode: 0, stdout: '', stderr: 'No kind clusters found.\n' },
    });
    return kindClusters(answer.stdout).includes(name);
  };

  return {
    target: 'kind',
    convergenceMs: 30_000,
    async up(up: ProviderOptions) {
      const exec = startExecutor(deps, up);
      const log = up.dryRun ? undefined : up.log; // a dry run prints its plan, not progress
      await assertDockerRunning(exec, 'kind');
      await requireTools(exec, [
        { command: 'kind', args: ['version', '-q'] },
        { command: 'kubectl', args: ['version', '--client'] },
      ]);
      if (!exec.dryRun) await mkdir(deps.labsHome, { recursive: true });
      if (await exists(exec)) await reuseCluster(exec, { name, kube });
      else await createCluster(exec, { name, config, kube, deps });
      if (options.preload) {
        const { version } = await loadIstioSettings(up.istio, deps.root);
        await preloadImages(exec, {
          images: options.preload(version),
          cluster: name,
          platform: nodePlatform(deps.source.arch),
          ...(log ? { warn: log } : {}),
        });
      }
      log?.(`kind cluster "${name}" is ready; installing Istio ${up.istio}`);
      const istio = await ensureIstio(exec, {
        kube,
        version: up.istio,
        profile: up.profile,
        root: deps.root,
        source: deps.source,
        ...(log ? { log } : {}),
      });
      info = { target: 'kind', context: kube.context, istio, kubeconfigPath: kube.kubeconfigPath! };
      return info;
    },
    async kubeconfig() {
      return readFile(kube.kubeconfigPath!, 'utf8');
    },
    async release() {
      // The kind cluster outlives the process on purpose: `labs down` deletes it.
    },
    async down(down = {}) {
      const exec = startExecutor(deps, down);
      await assertDockerRunning(exec, 'kind');
      await exec.run('kind', ['delete', 'cluster', '--name', name, '--kubeconfig', kube.kubeconfigPath!]);
      await rm(kube.kubeconfigPath!, { force: true });
      info = undefined;
    },
    async describe() {
      if (info) return info;
      const exec = startExecutor(deps, {});
      if (!(await exists(exec).catch(() => false))) return undefined;
      const istio = (await readInstalledIstio(exec, kube).catch(() => undefined)) ?? 'none';
      return { target: 'kind', context: kube.context, istio, kubeconfigPath: kube.kubeconfigPath! };
    },
  };
}

async function createCluster(
  exec: Executor,
  options: { name: string; config: string; kube: KubeTarget; deps: ResolvedDeps },
): Promise<void> {
  const { name, config, kube, deps } = options;
  // kind: --wait only waits for the control plane and never fails on timeout, so wait for all nodes after
  await exec.run('kind', ['create', 'cluster', '--name', name, '--config', config, '--wait', '120s', '--kubeconfig', kube.kubeconfigPath!], {
    cwd: deps.root,
    hint: `If a cluster named "${name}" half-exists, run \`kind delete cluster --name ${name}\` and try again.`,
  });
  await exec.run('kubectl', [...kubeFlags(kube), 'wait', '--for=condition=Ready', 'nodes', '--all', '--timeout=300s'], {
    hint: 'On Linux, "too many open files" in the nodes means the inotify limits are low (see kind known issues).',
  });
  await writeMarker(exec, kube, { target: 'kind', createdAt: deps.clock() });
}

async function reuseCluster(exec: Executor, options: { name: string; kube: KubeTarget }): Promise<void> {
  const { name, kube } = options;
  await exec.run('kind', ['export', 'kubeconfig', '--name', name, '--kubeconfig', kube.kubeconfigPath!]);
  if (!(await hasMarker(exec, kube))) {
    throw new ClusterError(
      'unsafe-context',
      `Refusing to touch kind cluster "${name}": it was not created by labs. ` +
        `Delete it (kind delete cluster --name ${name}), or to use it anyway: --target context=${kube.context} --yes`,
    );
  }
}
