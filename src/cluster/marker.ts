// The labs marker: a ConfigMap `labs-marker` in namespace kube-public on every cluster labs sets up.
// kube-public is created by every API server (kubernetes pkg/controlplane/controller/systemnamespaces) and
// cannot be deleted (NamespaceLifecycle keeps it immortal), and a ConfigMap can say who made the cluster and
// when, which a namespace label cannot. The context guard refuses clusters without it.
import { stringify } from 'yaml';
import type { Executor } from './executor.ts';
import { kubeFlags, type KubeTarget } from './kube-target.ts';

export const markerNamespace = 'kube-public';
export const markerName = 'labs-marker';

// The marker ConfigMap as a manifest
export function markerManifest(options: { target: string; createdAt: Date }): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: markerName,
      namespace: markerNamespace,
      labels: { 'app.kubernetes.io/managed-by': 'labs' },
    },
    data: { target: options.target, createdAt: options.createdAt.toISOString() },
  });
}

// Put the marker on a cluster labs created (server-side apply, field manager labs)
export async function writeMarker(
  exec: Executor,
  kube: KubeTarget,
  options: { target: string; createdAt: Date },
): Promise<void> {
  await exec.run('kubectl', [...kubeFlags(kube), 'apply', '--server-side', '--field-manager=labs', '-f', '-'], {
    input: markerManifest(options),
    inputLabel: `ConfigMap ${markerNamespace}/${markerName}`,
  });
}

// Whether a cluster carries the marker (asked with kubectl; a dry run assumes a fresh cluster without it)
export async function hasMarker(exec: Executor, kube: KubeTarget): Promise<boolean> {
  const answer = await exec.ask(
    'kubectl',
    [...kubeFlags(kube), '-n', markerNamespace, 'get', 'configmap', markerName, '-o', 'name'],
    { assume: { exitCode: 1, stdout: '', stderr: 'NotFound' } },
  );
  return answer.exitCode === 0 && answer.stdout.includes(markerName);
}
