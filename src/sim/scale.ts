// The scale subresource of Deployments and ReplicaSets (autoscaling/v1 Scale), used by `kubectl scale`.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KubeObject } from '../mesh/types.ts';
import { resourceOf, type SimCluster } from './cluster.ts';
import { badRequest, notFound } from './errors.ts';
import { decodeBody, mediaType, readBody, sendJson } from './http-io.ts';
import { applyJsonPatch, applyMergePatch } from './patch.ts';
import { patchObject, type Target, type WriteOptions } from './resources.ts';

function scaleOf(obj: KubeObject): Record<string, unknown> {
  const selector = Object.entries((obj.spec?.selector?.matchLabels ?? {}) as Record<string, string>).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k}=${v}`).join(',');
  return {
    kind: 'Scale', apiVersion: 'autoscaling/v1',
    metadata: { name: obj.metadata.name, namespace: obj.metadata.namespace, uid: obj.metadata.uid, resourceVersion: obj.metadata.resourceVersion, creationTimestamp: obj.metadata.creationTimestamp },
    spec: { replicas: obj.spec?.replicas ?? 1 },
    status: { replicas: obj.status?.replicas ?? 0, selector },
  };
}

// GET, PUT or PATCH .../scale.
export async function handleScale(options: { cluster: SimCluster; target: Target; req: IncomingMessage; res: ServerResponse; writeOptions: () => WriteOptions }): Promise<void> {
  const { cluster, target, req, res } = options;
  const obj = cluster.store.get(resourceOf(target.info), target.namespace, target.name ?? '');
  if (!obj) throw notFound(target.info.group, target.info.plural, target.name ?? '');
  if (req.method === 'GET') return sendJson(res, 200, scaleOf(obj));
  const media = mediaType(req.headers['content-type']);
  const body = decodeBody(await readBody(req), media, 'error decoding patch') as any;
  const scale = req.method === 'PUT' ? body : media === 'application/json-patch+json' ? applyJsonPatch(scaleOf(obj), body) : applyMergePatch(scaleOf(obj), body);
  const replicas = (scale)?.spec?.replicas;
  if (typeof replicas !== 'number' || replicas < 0) throw badRequest('spec.replicas must be a non-negative integer');
  const result = patchObject(cluster, target, (old) => ({ ...old, spec: { ...old.spec, replicas } }), options.writeOptions());
  sendJson(res, 200, scaleOf(result.object));
}
