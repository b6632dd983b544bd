// DELETE: objects go at once (the garbage collector controller removes what they own); a
// Namespace first turns Terminating, and its contents go shortly after, as the namespace
// controller does (pkg/controller/namespace/deletion/namespaced_resources_deleter.go).
import type { KubeObject } from '../mesh/types.ts';
import { resourceOf, type SimCluster } from './cluster.ts';
import { methodNotSupported, notFound } from './errors.ts';
import { checkCustomResourceDefinition } from './admission.ts';
import { KINDS } from './kinds.ts';
import type { Target } from './resources.ts';
import { timestamp } from './store.ts';

export interface DeleteResult {
  // The object as the API returns it: the Terminating namespace, the pod, or a Status.
  body: Record<string, unknown>;
}

function successStatus(obj: KubeObject, target: Target): Record<string, unknown> {
  return {
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success',
    details: { name: obj.metadata.name, ...(target.info.group ? { group: target.info.group } : {}), kind: target.info.plural, uid: obj.metadata.uid },
  };
}

// Remove everything in a Terminating namespace, then the namespace itself.
export function finalizeNamespace(cluster: SimCluster, name: string): void {
  const ns = cluster.get('', 'Namespace', undefined, name);
  if (!ns || ns.status?.phase !== 'Terminating') return;
  for (const info of KINDS) {
    if (!info.namespaced) continue;
    for (const obj of cluster.store.list(resourceOf(info), name)) cluster.store.remove(resourceOf(info), name, obj.metadata.name);
  }
  cluster.store.remove(resourceOf(KINDS[0] as (typeof KINDS)[number]), undefined, name);
  cluster.reconcile();
}

// Delete one object; returns what the API answers. dryRun leaves the store untouched.
export function deleteObject(cluster: SimCluster, target: Target, options: { dryRun: boolean; onNamespaceTerminating: (name: string) => void }): DeleteResult {
  const { info } = target;
  if (info.readOnly) throw methodNotSupported(info.group, info.plural, 'delete');
  const resource = resourceOf(info);
  const old = cluster.store.get(resource, target.namespace, target.name ?? '');
  if (!old) throw notFound(info.group, info.plural, target.name ?? '');
  checkCustomResourceDefinition(old, info, 'delete');
  if (info.group === '' && info.kind === 'Namespace') {
    const terminating: KubeObject = {
      ...old,
      metadata: { ...old.metadata, deletionTimestamp: old.metadata.deletionTimestamp ?? timestamp(cluster.now()) },
      status: { ...(old.status ?? {}), phase: 'Terminating' },
    };
    if (options.dryRun) return { body: terminating };
    const stored = old.status?.phase === 'Terminating' ? old : cluster.store.update(resource, terminating);
    options.onNamespaceTerminating(old.metadata.name);
    return { body: stored };
  }
  if (options.dryRun) return { body: info.kind === 'Pod' ? old : successStatus(old, target) };
  const gone = cluster.store.remove(resource, target.namespace, old.metadata.name) ?? old;
  cluster.reconcile();
  return { body: info.kind === 'Pod' ? gone : successStatus(old, target) };
}
