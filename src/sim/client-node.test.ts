import { PassThrough } from 'node:stream';
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedCluster, type EmbeddedCluster } from './index.ts';

let cluster: EmbeddedCluster;
let kc: k8s.KubeConfig;

beforeAll(async () => {
  cluster = await startEmbeddedCluster();
  kc = new k8s.KubeConfig();
  kc.loadFromString(cluster.kubeconfig);
});

afterAll(async () => {
  await cluster.stop();
});

const namespace = (name: string, labels: Record<string, string> = {}): k8s.KubernetesObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });

async function exec(namespaceName: string, pod: string, command: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const status = await new Promise<k8s.V1Status>((resolve, reject) => {
    new k8s.Exec(kc).exec(namespaceName, pod, '', command, stdout, stderr, null, false, (s) => resolve(s)).catch(reject);
  });
  const code = status.status === 'Success' ? 0 : Number(status.details?.causes?.find((c) => c.reason === 'ExitCode')?.message ?? 1);
  return { stdout: out, stderr: err, code };
}

describe('client-node against the embedded cluster', () => {
  it('creates objects with server-side apply through KubernetesObjectApi and records the field manager', async () => {
    const api = k8s.KubernetesObjectApi.makeApiClient(kc);
    await api.patch(namespace('demo', { 'istio.io/dataplane-mode': 'ambient' }), undefined, undefined, 'labs', true, k8s.PatchStrategy.ServerSideApply);
    const policy = { apiVersion: 'security.istio.io/v1', kind: 'AuthorizationPolicy', metadata: { name: 'deny-all', namespace: 'demo' }, spec: {} };
    const applied: k8s.KubernetesObject = await api.patch(policy, undefined, undefined, 'labs', true, k8s.PatchStrategy.ServerSideApply);
    expect(applied.metadata?.managedFields?.map((m) => [m.manager, m.operation])).toEqual([['labs', 'Apply']]);
    const read = await api.read({ apiVersion: 'security.istio.io/v1', kind: 'AuthorizationPolicy', metadata: { name: 'deny-all', namespace: 'demo' } });
    expect(read.kind).toBe('AuthorizationPolicy');
    const list = await api.list('security.istio.io/v1', 'AuthorizationPolicy', 'demo');
    expect(list.items.map((i) => i.metadata?.name)).toEqual(['deny-all']);
  });

  it('keeps a label another manager set when the applier re-applies without it', async () => {
    const api = k8s.KubernetesObjectApi.makeApiClient(kc);
    const core = kc.makeApiClient(k8s.CoreV1Api);
    await api.patch(namespace('owned', { a: '1', b: '2' }), undefined, undefined, 'labs', true, k8s.PatchStrategy.ServerSideApply);
    await core.patchNamespace({ name: 'owned', body: { metadata: { labels: { c: '3' } } } }, k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch));
    await api.patch(namespace('owned', { a: '1' }), undefined, undefined, 'labs', true, k8s.PatchStrategy.ServerSideApply);
    const ns = await core.readNamespace({ name: 'owned' });
    expect(ns.metadata?.labels).toEqual({ a: '1', c: '3', 'kubernetes.io/metadata.name': 'owned' });
  });

  it('reads a missing object as a 404 ApiException carrying a NotFound Status', async () => {
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const err = await core.readNamespacedPod({ name: 'nope', namespace: 'default' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(k8s.ApiException);
    const status = JSON.parse((err as k8s.ApiException<string>).body) as k8s.V1Status;
    expect(status).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'NotFound', code: 404, message: 'pods "nope" not found' });
  });

  it('answers a stale resourceVersion on update with 409 Conflict', async () => {
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const cm = await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'settings' }, data: { a: '1' } } });
    await core.replaceNamespacedConfigMap({ name: 'settings', namespace: 'default', body: { ...cm, data: { a: '2' } } });
    const err = await core.replaceNamespacedConfigMap({ name: 'settings', namespace: 'default', body: { ...cm, data: { a: '3' } } }).catch((e: unknown) => e);
    expect((err as k8s.ApiException<string>).code).toBe(409);
    expect(JSON.parse((err as k8s.ApiException<string>).body).message).toBe('Operation cannot be fulfilled on configmaps "settings": the object has been modified; please apply your changes to the latest version and try again');
  });

  it('deletes a collection of ConfigMaps by label selector', async () => {
    const core = kc.makeApiClient(k8s.CoreV1Api);
    for (const [name, team] of [['c1', 'a'], ['c2', 'a'], ['c3', 'b']]) {
      await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name, labels: { team: team ?? '' } } } });
    }
    await core.deleteCollectionNamespacedConfigMap({ namespace: 'default', labelSelector: 'team=a' });
    const left = await core.listNamespacedConfigMap({ namespace: 'default', labelSelector: 'team' });
    expect(left.items.map((c) => c.metadata?.name)).toEqual(['c3']);
  });

  it('streams watch events for pods a deployment creates and deletes', async () => {
    const api = k8s.KubernetesObjectApi.makeApiClient(kc);
    await api.patch(namespace('watched'), undefined, undefined, 'labs', true, k8s.PatchStrategy.ServerSideApply);
    const events: string[] = [];
    const added = new Promise<void>((resolve) => {
      void new k8s.Watch(kc).watch('/api/v1/namespaces/watched/pods', { labelSelector: 'app=web' }, (type, obj: k8s.V1Pod) => {
        events.push(`${type} ${obj.metadata?.name?.replace(/-[a-z0-9]+-[a-z0-9]{5}$/, '')} ${obj.status?.phase ?? ''}`);
        if (type === 'DELETED') resolve();
      }, () => undefined).then((ctrl) => setTimeout(() => ctrl.abort(), 5000));
    });
    const deploy = {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'watched' },
      spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } },
    };
    await new Promise((r) => setTimeout(r, 50));
    await api.patch(deploy, undefined, undefined, 'labs', true, k8s.PatchStrategy.ServerSideApply);
    await api.delete(deploy);
    await added;
    expect(events[0]).toBe('ADDED web ');
    expect(events).toContain('MODIFIED web Running');
    expect(events[events.length - 1]).toBe('DELETED web Running');
  });

  it('runs commands through Exec with their output and exit code', async () => {
    const core = kc.makeApiClient(k8s.CoreV1Api);
    await core.createNamespacedPod({ namespace: 'default', body: { metadata: { name: 'sleep' }, spec: { containers: [{ name: 'sleep', image: 'curlimages/curl', command: ['sleep', 'infinity'] }] } } });
    expect(await exec('default', 'sleep', ['echo', 'hi'])).toEqual({ stdout: 'hi\n', stderr: '', code: 0 });
    expect((await exec('default', 'sleep', ['sh', '-c', 'exit 3'])).code).toBe(3);
    const refused = await exec('default', 'sleep', ['curl', '-sS', '--max-time', '2', 'http://nope.default.svc.cluster.local/']);
    expect(refused.code).toBe(6);
    expect(refused.stderr).toBe('curl: (6) Could not resolve host: nope.default.svc.cluster.local\n');
  });
});
