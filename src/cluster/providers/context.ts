// The context=NAME target: any context of the person's kubeconfig. labs changes nothing on it unless it
// carries the labs marker or the person said --yes; it never deletes a cluster it did not create.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { ClusterError } from '../errors.ts';
import { createApiMarkerReader, guardContext, type MarkerReader } from '../context-guard.ts';
import { ensureIstio } from '../istio.ts';
import type { IstioPlatform } from '../istio/install.ts';
import { readInstalledIstio } from '../istio/install.ts';
import type { Executor } from '../executor.ts';
import { detectContainerPlatform } from '../k3s-platform.ts';
import { kubeFlags, type KubeTarget } from '../kube-target.ts';
import { markerName, markerNamespace } from '../marker.ts';
import type { ClusterInfo, ClusterProvider, ProviderOptions } from '../provider.ts';
import { requireTools, resolveDeps, startExecutor, type RealProviderDeps } from './real-deps.ts';

export interface ContextProviderOptions extends RealProviderDeps {
  yes: boolean; // --yes: use the context even without the labs marker
  kubeconfig?: KubeConfig; // default: $KUBECONFIG or ~/.kube/config
  markerReader?: MarkerReader; // default: reads the marker through the Kubernetes API
}

// The person's kubeconfig; client-node would otherwise invent a "loaded-context" for localhost:8080
function loadDefaultKubeconfig(env: Record<string, string | undefined> = process.env): KubeConfig {
  const fromEnv = env.KUBECONFIG ?? '';
  if (fromEnv === '' && !existsSync(join(homedir(), '.kube', 'config'))) {
    throw new ClusterError(
      'unreachable',
      'No kubeconfig found: $KUBECONFIG is not set and ~/.kube/config does not exist. Point KUBECONFIG at the file that has your context, or use --target kind, k3s or the embedded cluster.',
    );
  }
  const config = new KubeConfig();
  try {
    config.loadFromDefault();
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new ClusterError('unreachable', `Could not read the kubeconfig (${fromEnv || '~/.kube/config'}): ${reason}`, { cause });
  }
  return config;
}

// Which Istio platform an existing cluster needs: k3s on a host, k3d (ask its node container), or none
// (heuristic: kubelet versions carry "+k3s" on k3s and k3d; k3d node names start with "k3d-").
export async function detectContextPlatform(exec: Executor, kube: KubeTarget): Promise<IstioPlatform | undefined> {
  const answer = await exec.ask(
    'kubectl',
    [...kubeFlags(kube), 'get', 'nodes', '-o', 'jsonpath={range .items[*]}{.metadata.name} {.status.nodeInfo.kubeletVersion}{"\\n"}{end}'],
    { assume: { exitCode: 0, stdout: '', stderr: '' } },
  );
  const [node, kubelet] = (answer.stdout.split('\n')[0] ?? '').split(' ');
  if (!node || !kubelet?.includes('+k3s')) return undefined;
  if (!node.startsWith('k3d-')) return 'k3s';
  return detectContainerPlatform(exec, { container: node });
}

// Create the provider for an existing kube context
export function createContextProvider(name: string, options: ContextProviderOptions): ClusterProvider {
  const deps = resolveDeps(options);
  const kube: KubeTarget = { context: name };
  const target = `context=${name}`;
  let kubeconfig: KubeConfig | undefined = options.kubeconfig;
  const config = () => (kubeconfig ??= loadDefaultKubeconfig());
  let info: ClusterInfo | undefined;

  return {
    target,
    convergenceMs: 30_000,
    async up(up: ProviderOptions) {
      const exec = startExecutor(deps, up);
      const log = up.dryRun ? undefined : up.log; // a dry run prints its plan, not progress
      await requireTools(exec, [{ command: 'kubectl', args: ['version', '--client'] }]);
      if (!options.yes) exec.note({ kind: 'api', verb: 'get', resource: `configmap ${markerNamespace}/${markerName}`, context: name });
      await guardContext({
        kubeconfig: config(),
        context: name,
        yes: options.yes,
        reader: options.markerReader ?? createApiMarkerReader(config()),
      });
      const platform = await detectContextPlatform(exec, kube);
      const istio = await ensureIstio(exec, {
        kube,
        version: up.istio,
        profile: up.profile,
        root: deps.root,
        source: deps.source,
        ...(platform ? { platform } : {}),
        ...(log ? { log } : {}),
      });
      info = { target, context: name, istio, ...serverOf(config(), name) };
      return info;
    },
    async kubeconfig() {
      const copy = new KubeConfig();
      copy.loadFromString(config().exportConfig());
      copy.setCurrentContext(name);
      return copy.exportConfig();
    },
    async release() {
      // Nothing was started in this process.
    },
    async down() {
      // labs never deletes a cluster it did not create; `istioctl uninstall --purge -y` removes Istio by hand.
      info = undefined;
    },
    async describe() {
      if (info) return info;
      if (!config().getContexts().some((context) => context.name === name)) return undefined;
      const istio = await readInstalledIstio(startExecutor(deps, {}), kube).catch(() => undefined);
      return { target, context: name, istio: istio ?? 'none', ...serverOf(config(), name) };
    },
  };
}

function serverOf(config: KubeConfig, context: string): { server?: string } {
  const clusterName = config.getContextObject(context)?.cluster;
  const server = clusterName ? config.getCluster(clusterName)?.server : undefined;
  return server ? { server } : {};
}
