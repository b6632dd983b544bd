// Resolve a check's `from` ("NS/POD" or "NS/deploy/NAME") to a pod and the container to exec into.
import type { KubeClient, KubeObject } from '../cluster/client.ts';

export interface PodTarget {
  namespace: string;
  name: string;
  container: string;
}

export class PodNotFoundError extends Error {
  readonly kind = 'action-failed';
}

function isReady(pod: KubeObject): boolean {
  const conditions = (pod.status?.conditions ?? []) as Array<{ type: string; status: string }>;
  return pod.status?.phase === 'Running' && conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

// kubectl's choice: the kubectl.kubernetes.io/default-container annotation, else the first container.
function defaultContainer(pod: KubeObject): string {
  const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  const containers = (pod.spec?.containers ?? []) as Array<{ name: string }>;
  return annotated ?? containers.find((c) => c.name !== 'istio-proxy')?.name ?? containers[0]?.name ?? '';
}

function selectorOf(deployment: KubeObject): string {
  const labels = (deployment.spec?.selector?.matchLabels ?? {}) as Record<string, string>;
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

// Resolve "NS/deploy/NAME" to the first ready pod of that deployment, or "NS/POD" to that pod.
export async function resolvePod(client: KubeClient, from: string): Promise<PodTarget> {
  const [namespace = '', second = '', third] = from.split('/');
  if (third === undefined) {
    const pod = await client.read({ apiVersion: 'v1', kind: 'Pod', namespace, name: second });
    if (!pod) throw new PodNotFoundError(`pod ${namespace}/${second} not found`);
    return { namespace, name: second, container: defaultContainer(pod) };
  }
  const deployment = await client.read({ apiVersion: 'apps/v1', kind: 'Deployment', namespace, name: third });
  if (!deployment) throw new PodNotFoundError(`deployment ${namespace}/${third} not found`);
  const pods = await client.list({ apiVersion: 'v1', kind: 'Pod', namespace, labelSelector: selectorOf(deployment) });
  const ready = pods.filter(isReady).sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
  const pod = ready[0];
  if (!pod) throw new PodNotFoundError(`deployment ${namespace}/${third} has no ready pod`);
  return { namespace, name: pod.metadata.name, container: defaultContainer(pod) };
}
