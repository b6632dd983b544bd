// The k3s target: rancher/k3s in a Docker container through @testcontainers/k3s (loaded lazily), kept
// after the process exits, with the labs marker and Istio at the version asked with the k3s platform values.
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { assertDockerRunning } from '../docker.ts';
import { ClusterError } from '../errors.ts';
import type { Executor } from '../executor.ts';
import { ensureIstio } from '../istio.ts';
import { readInstalledIstio } from '../istio/install.ts';
import { detectContainerPlatform } from '../k3s-platform.ts';
import { kubeFlags, type KubeTarget } from '../kube-target.ts';
import { waitUntilListed } from '../kube-wait.ts';
import { hasMarker, writeMarker } from '../marker.ts';
import type { ClusterInfo, ClusterProvider, ProviderOptions } from '../provider.ts';
import { ownedKubeconfigPath, requireTools, resolveDeps, startExecutor, type RealProviderDeps } from './real-deps.ts';
import { renameKubeconfigContext, startK3sContainer, type K3sContainerSpec, type StartK3s } from './k3s-container.ts';

const optionsSchema = z.object({ name: z.string(), image: z.string(), command: z.array(z.string()) }).strict();

export interface K3sProviderOptions extends RealProviderDeps {
  startContainer?: StartK3s; // default: @testcontainers/k3s
  pollIntervalMs?: number; // between looks for the node and CoreDNS after start (default 1s)
}

async function loadSpec(root: string): Promise<K3sContainerSpec> {
  const options = optionsSchema.parse(parse(await readFile(join(root, 'clusters', 'k3s', 'options.yaml'), 'utf8')));
  return { ...options, labels: { 'app.kubernetes.io/managed-by': 'labs', 'dev.labs.cluster': options.name } };
}

// The container's state and the labels labs puts on it, on one line: "true labs"
const inspectFormat = '{{.State.Running}} {{index .Config.Labels "app.kubernetes.io/managed-by"}}';

const fileExists = (path: string) => stat(path).then(() => true, () => false);

// Create the k3s provider (a rancher/k3s container; needs Docker)
export function createK3sProvider(options: K3sProviderOptions = {}): ClusterProvider {
  const deps = resolveDeps(options);
  const startContainer = options.startContainer ?? startK3sContainer;
  let info: ClusterInfo | undefined;
  const kubeFor = (spec: K3sContainerSpec): KubeTarget => ({
    kubeconfigPath: ownedKubeconfigPath(deps.labsHome, spec.name),
    context: spec.name,
  });

  const createContainer = async (exec: Executor, spec: K3sContainerSpec, kube: KubeTarget) => {
    exec.note({
      kind: 'start-container',
      name: spec.name,
      image: spec.image,
      args: spec.command,
      notes: ['privileged', 'kept after exit'],
    });
    exec.note({ kind: 'write', file: kube.kubeconfigPath!, what: `kubeconfig of ${spec.name}, context ${kube.context}` });
    if (!exec.dryRun) {
      const started = await startContainer(spec);
      await mkdir(deps.labsHome, { recursive: true });
      await writeFile(kube.kubeconfigPath!, renameKubeconfigContext(started.kubeconfig, kube.context), { mode: 0o600 });
    }
    // "Node controller sync successful" (the module's wait) does not mean nodes and CoreDNS exist, let alone are ready
    const poll = options.pollIntervalMs !== undefined ? { intervalMs: options.pollIntervalMs } : {};
    await waitUntilListed(exec, [...kubeFlags(kube), 'get', 'nodes'], poll);
    await exec.run('kubectl', [...kubeFlags(kube), 'wait', '--for=condition=Ready', 'nodes', '--all', '--timeout=120s']);
    await waitUntilListed(exec, [...kubeFlags(kube), '-n', 'kube-system', 'get', 'deployment', 'coredns'], poll);
    await exec.run('kubectl', [...kubeFlags(kube), '-n', 'kube-system', 'rollout', 'status', 'deployment/coredns', '--timeout=120s']);
    await writeMarker(exec, kube, { target: 'k3s', createdAt: deps.clock() });
  };

  return {
    target: 'k3s',
    convergenceMs: 30_000,
    async up(up: ProviderOptions) {
      const exec = startExecutor(deps, up);
      const log = up.dryRun ? undefined : up.log; // a dry run prints its plan, not progress
      await assertDockerRunning(exec, 'k3s');
      await requireTools(exec, [{ command: 'kubectl', args: ['version', '--client'] }]);
      const spec = await loadSpec(deps.root);
      const kube = kubeFor(spec);
      const state = await exec.ask('docker', ['inspect', '--format', inspectFormat, spec.name], {
        assume: { exitCode: 1, stdout: '', stderr: `Error: No such object: ${spec.name}` },
      });
      const [running, managedBy] = state.stdout.trim().split(' ');
      if (state.exitCode === 0 && managedBy !== 'labs') {
        throw new ClusterError(
          'unsafe-context',
          `Refusing to touch container "${spec.name}": it was not created by labs. Remove it (docker rm -f -v ${spec.name}) and try again.`,
        );
      }
      if (state.exitCode === 0 && running === 'true' && (await fileExists(kube.kubeconfigPath!)) && (await hasMarker(exec, kube))) {
        log?.(`Reusing the k3s container "${spec.name}"`);
      } else {
        if (state.exitCode === 0) await exec.run('docker', ['rm', '-f', '-v', spec.name]);
        await createContainer(exec, spec, kube);
      }
      const platform = await detectContainerPlatform(exec, { container: spec.name, image: spec.image });
      log?.(`k3s container "${spec.name}" is ready; installing Istio ${up.istio} (platform ${platform})`);
      const istio = await ensureIstio(exec, {
        kube,
        version: up.istio,
        profile: up.profile,
        platform,
        root: deps.root,
        source: deps.source,
        ...(log ? { log } : {}),
      });
      info = { target: 'k3s', context: kube.context, istio, kubeconfigPath: kube.kubeconfigPath! };
      return info;
    },
    async kubeconfig() {
      return readFile(kubeFor(await loadSpec(deps.root)).kubeconfigPath!, 'utf8');
    },
    async release() {
      // The container is started without Ryuk's session label, so it outlives the process: `labs down` removes it.
    },
    async down(down = {}) {
      const exec = startExecutor(deps, down);
      await assertDockerRunning(exec, 'k3s');
      const spec = await loadSpec(deps.root);
      await exec.ask('docker', ['rm', '-f', '-v', spec.name], { assume: { exitCode: 0, stdout: '', stderr: '' } });
      if (!exec.dryRun) await rm(kubeFor(spec).kubeconfigPath!, { force: true });
      info = undefined;
    },
    async describe() {
      if (info) return info;
      const spec = await loadSpec(deps.root);
      const kube = kubeFor(spec);
      if (!(await fileExists(kube.kubeconfigPath!))) return undefined;
      const istio = (await readInstalledIstio(startExecutor(deps, {}), kube).catch(() => undefined)) ?? 'none';
      return { target: 'k3s', context: kube.context, istio, kubeconfigPath: kube.kubeconfigPath! };
    },
  };
}
