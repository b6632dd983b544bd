// `--preload`: the images a lab and an Istio version need, pulled once on the host and loaded into kind,
// so the nodes do not each pull them (offline, rate limits, slow networks).
import type { Executor } from './executor.ts';

const podSpecPaths: Record<string, string[]> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

function dig(value: unknown, path: string[]): unknown {
  return path.reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), value);
}

function containerImages(podSpec: unknown): string[] {
  const lists = ['initContainers', 'containers', 'ephemeralContainers'].map((key) => dig(podSpec, [key]));
  return lists.flatMap((list) =>
    Array.isArray(list) ? list.map((container) => dig(container, ['image'])).filter((image): image is string => typeof image === 'string') : [],
  );
}

// The images Istio <version> runs in ambient: istiod, ztunnel, istio-cni and proxyv2 (waypoints)
// Istio: manifests/helm-profiles/ambient.yaml sets global.variant distroless; charts build images as
// <hub>/<image>:<tag>-<variant> (e.g. manifests/charts/ztunnel/templates/daemonset.yaml), hub docker.io/istio.
export function istioImages(version: string): string[] {
  return ['pilot', 'ztunnel', 'install-cni', 'proxyv2'].map((image) => `docker.io/istio/${image}:${version}-distroless`);
}

// Every image the manifests' workloads use plus Istio's, each once, in first-seen order
export function listImages(manifestDocs: unknown[], istioVersion: string): string[] {
  const fromManifests = manifestDocs.flatMap((doc) => {
    const kind = dig(doc, ['kind']);
    const path = typeof kind === 'string' ? podSpecPaths[kind] : undefined;
    return path ? containerImages(dig(doc, path)) : [];
  });
  return [...new Set([...istioImages(istioVersion), ...fromManifests])];
}

// The Docker platform of kind's nodes on this machine: linux, with the host's CPU (Node's arch names → Docker's).
export function nodePlatform(arch: string = process.arch): string {
  return `linux/${arch === 'x64' ? 'amd64' : arch}`;
}

// Pull each image on the host for the nodes' platform and load it into the kind cluster, a few at a time (one at a
// time in a dry run). Loading is an optimisation: kind's import fails for multi-arch images under Docker's
// containerd image store (kubernetes-sigs/kind#3795), and then the nodes pull the image themselves, so a failed
// load is a warning, not a failed run.
export async function preloadImages(
  exec: Executor,
  options: { images: string[]; cluster: string; platform?: string; concurrency?: number; warn?: (line: string) => void },
): Promise<void> {
  const queue = [...options.images];
  const platform = options.platform ?? nodePlatform();
  const load = async () => {
    for (let image = queue.shift(); image !== undefined; image = queue.shift()) {
      await exec.run('docker', ['pull', '--platform', platform, image], { failure: 'download', hint: 'Check the image name and your network.' });
      const loaded = await exec.ask('kind', ['load', 'docker-image', image, '--name', options.cluster], { assume: { exitCode: 0, stdout: '', stderr: '' } });
      if (loaded.exitCode !== 0) {
        const reason = (loaded.stderr.trim().split('\n').at(-1) ?? '').trim();
        options.warn?.(`kind could not load ${image} (${reason || `exit ${loaded.exitCode}`}); the nodes will pull it themselves`);
      }
    }
  };
  const workers = exec.dryRun ? 1 : Math.max(1, options.concurrency ?? 4);
  await Promise.all(Array.from({ length: Math.min(workers, queue.length) }, load));
}
