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

// Pull each image on the host and load it into the kind cluster, a few at a time (one at a time in a dry run)
export async function preloadImages(
  exec: Executor,
  options: { images: string[]; cluster: string; concurrency?: number },
): Promise<void> {
  const queue = [...options.images];
  const load = async () => {
    for (let image = queue.shift(); image !== undefined; image = queue.shift()) {
      await exec.run('docker', ['pull', image], { failure: 'download', hint: 'Check the image name and your network.' });
      await exec.run('kind', ['load', 'docker-image', image, '--name', options.cluster]);
    }
  };
  const workers = exec.dryRun ? 1 : Math.max(1, options.concurrency ?? 4);
  await Promise.all(Array.from({ length: Math.min(workers, queue.length) }, load));
}
