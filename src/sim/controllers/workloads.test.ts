import { describe, expect, it } from 'vitest';
import { DEFAULT_MESH_SETTINGS, type KubeObject } from '../../mesh/types.ts';
import { bootstrapCluster } from '../bootstrap.ts';
import { kindNamed, SimCluster } from '../cluster.ts';
import { createMeshEngine } from '../mesh-engine.ts';
import { mutateObject } from '../admission.ts';
import { CONTROLLERS } from './index.ts';
import { podTemplateHash } from './workloads.ts';

function newCluster(): SimCluster {
  const cluster = new SimCluster(DEFAULT_MESH_SETTINGS, createMeshEngine(), () => Date.parse('2026-01-01T00:00:00Z'));
  cluster.useControllers([...CONTROLLERS]);
  bootstrapCluster(cluster);
  return cluster;
}

const deployment = (image: string, replicas = 2): KubeObject => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' },
  spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image }] } } },
});

function write(cluster: SimCluster, obj: KubeObject): void {
  const group = obj.apiVersion.includes('/') ? (obj.apiVersion.split('/')[0] ?? '') : '';
  cluster.put(mutateObject({ obj, old: cluster.get(group, obj.kind, obj.metadata.namespace, obj.metadata.name), info: kindNamed(group, obj.kind), cluster }));
  cluster.reconcile();
}

describe('workload controllers', () => {
  it('hashes pod templates regardless of key order and null fields', () => {
    expect(podTemplateHash({ metadata: { creationTimestamp: null, labels: { a: '1' } }, spec: { x: 1, y: 2 } }))
      .toBe(podTemplateHash({ spec: { y: 2, x: 1 }, metadata: { labels: { a: '1' } } }));
    expect(podTemplateHash({ a: 1 })).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
  });

  it('runs ready pods named after the ReplicaSet, with IPs on the node', () => {
    const cluster = newCluster();
    write(cluster, deployment('nginx:1'));
    const pods = cluster.list('', 'Pod', 'default');
    expect(pods).toHaveLength(2);
    for (const pod of pods) {
      expect(pod.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{1,10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(pod.status).toMatchObject({ phase: 'Running', podIP: expect.stringMatching(/^10\.244\./) });
      expect(pod.spec?.nodeName).toBe('labs-control-plane');
    }
    expect(cluster.get('apps', 'Deployment', 'default', 'web')?.status).toMatchObject({ readyReplicas: 2, availableReplicas: 2 });
  });

  it('records the scheduler, kubelet and deployment controller events, in order', () => {
    const cluster = newCluster();
    write(cluster, deployment('nginx:1', 1));
    const events = cluster.list('', 'Event', 'default') as any[];
    expect(events.filter((e) => e.involvedObject.kind === 'Pod').map((e) => e.reason)).toEqual(['Scheduled', 'Pulled', 'Created', 'Started']);
    expect(events.filter((e) => e.involvedObject.kind === 'Deployment').map((e) => e.message)).toEqual([expect.stringMatching(/^Scaled up replica set web-\w+ from 0 to 1$/)]);
  });

  it('keeps the old ReplicaSet at zero replicas after a template change', () => {
    const cluster = newCluster();
    write(cluster, deployment('nginx:1'));
    write(cluster, deployment('nginx:2'));
    const sets = cluster.list('apps', 'ReplicaSet', 'default').map((rs) => [rs.spec?.replicas, rs.metadata.annotations?.['deployment.kubernetes.io/revision']]);
    expect(sets.sort()).toEqual([[0, '1'], [2, '2']]);
    expect(cluster.list('', 'Pod', 'default').map((p) => p.spec?.containers[0].image)).toEqual(['nginx:2', 'nginx:2']);
  });

  it('removes the ReplicaSets and pods of a deleted Deployment', () => {
    const cluster = newCluster();
    write(cluster, deployment('nginx:1'));
    cluster.remove(cluster.get('apps', 'Deployment', 'default', 'web') as KubeObject);
    cluster.reconcile();
    expect(cluster.list('apps', 'ReplicaSet', 'default')).toEqual([]);
    expect(cluster.list('', 'Pod', 'default')).toEqual([]);
  });

  it('starts Istio for the ambient profile: istiod, ztunnel and istio-cni pods', () => {
    const names = newCluster().list('', 'Pod', 'istio-system').map((p) => p.metadata.labels?.app);
    expect(names.sort()).toEqual(['istio-cni-node', 'istiod', 'ztunnel']);
  });
});
