// HTTP verbs on resources: get, list, watch, create, update, patch, apply, delete, deletecollection.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KubeObject } from '../mesh/types.ts';
import { resourceOf, type SimCluster } from './cluster.ts';
import { containerKey } from './controllers/container-runs.ts';
import { deleteObject } from './deletion.ts';
import { ApiError, badRequest, methodNotSupported, notFound, streamingRefusal } from './errors.ts';
import { decodeBody, mediaType, readBody, sendJson } from './http-io.ts';
import { applyJsonPatch, applyMergePatch, applyStrategicMergePatch } from './patch.ts';
import { presentList, presentOne } from './presentation.ts';
import { applyObject, createObject, patchObject, updateObject, type Target, type WriteOptions, type WriteResult } from './resources.ts';
import { matchesFields, matchesRequirements, parseFieldSelector, parseLabelSelector } from './selectors.ts';
import type { FieldValidation } from './admission.ts';
import { answerReview } from './reviews.ts';
import { handleScale } from './scale.ts';
import { checkStreamRequest, spdyRefusal } from './stream-requests.ts';
import { serveWatch } from './watch.ts';

export interface HandlerContext {
  cluster: SimCluster;
  closing: Set<() => void>;
  onNamespaceTerminating: (name: string) => void;
}

const WRITE_TYPES = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];
const PATCH_TYPES = ['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/apply-patch+yaml', 'application/apply-patch+cbor'];

function unsupportedMedia(types: string[]): ApiError {
  return new ApiError({ code: 415, reason: 'UnsupportedMediaType', message: `the body of the request was in an unknown format - accepted media types include: ${types.join(', ')}` });
}

function writeOptions(query: URLSearchParams, req: IncomingMessage): WriteOptions {
  const dryRun = query.getAll('dryRun');
  if (dryRun.some((d) => d !== 'All')) throw badRequest(`Invalid dryRun value: ${dryRun.join(',')}; valid values are: All`);
  const fv = query.get('fieldValidation') ?? 'Warn';
  if (!['Strict', 'Warn', 'Ignore'].includes(fv)) throw badRequest(`fieldValidation must be one of "Ignore", "Warn", or "Strict", got "${fv}"`);
  const agent = String(req.headers['user-agent'] ?? 'unknown').split('/')[0] ?? 'unknown';
  return { dryRun: dryRun.length > 0, fieldManager: query.get('fieldManager') ?? agent, fieldValidation: fv as FieldValidation };
}

function listObjects(ctx: HandlerContext, target: Target, query: URLSearchParams): ReturnType<SimCluster['store']['list']> {
  const labels = parseLabelSelector(query.get('labelSelector'));
  const fields = parseFieldSelector(query.get('fieldSelector'), target.info.kind);
  return ctx.cluster.store.list(resourceOf(target.info), target.namespace)
    .filter((o) => matchesRequirements(o.metadata.labels, labels) && matchesFields(o, fields));
}

function handleList(ctx: HandlerContext, target: Target, query: URLSearchParams, req: IncomingMessage, res: ServerResponse): void {
  const all = listObjects(ctx, target, query);
  const limit = Number(query.get('limit') ?? '0');
  let start = 0;
  const token = query.get('continue');
  if (token) {
    const decoded = Number(Buffer.from(token, 'base64url').toString('utf8'));
    if (!Number.isInteger(decoded) || decoded < 0) throw new ApiError({ code: 410, reason: 'Expired', message: 'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.' });
    start = decoded;
  }
  const page = limit > 0 ? all.slice(start, start + limit) : all.slice(start);
  const next = limit > 0 && start + limit < all.length ? start + limit : undefined;
  const presented = presentList({
    objects: page, info: target.info, version: target.version, resourceVersion: String(ctx.cluster.store.currentVersion()),
    accept: req.headers.accept, includeObject: query.get('includeObject'), now: ctx.cluster.now(),
    ...(next !== undefined ? { continueToken: Buffer.from(String(next)).toString('base64url'), remaining: all.length - next } : {}),
  });
  sendJson(res, 200, presented.body, { contentType: presented.contentType });
}

function handleGet(ctx: HandlerContext, target: Target & { subresource?: string }, query: URLSearchParams, req: IncomingMessage, res: ServerResponse): void {
  const obj = ctx.cluster.store.get(resourceOf(target.info), target.namespace, target.name ?? '');
  if (!obj) throw notFound(target.info.group, target.info.plural, target.name ?? '');
  if (target.subresource === 'log') {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end(podLog(ctx.cluster, obj, query.get('container')));
    return;
  }
  const presented = presentOne({ obj, info: target.info, version: target.version, accept: req.headers.accept, includeObject: query.get('includeObject'), now: ctx.cluster.now() });
  sendJson(res, 200, presented.body, { contentType: presented.contentType });
}

// A container's log: the output of a one-shot command, else a line saying servers keep no log here.
function podLog(cluster: SimCluster, pod: KubeObject, asked: string | null): string {
  const containers = ((pod.spec?.containers ?? []) as any[]).map((c) => String(c.name));
  const container = asked ?? pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'] ?? containers[0] ?? '';
  const log = cluster.logs.get(containerKey(pod, container));
  if (log !== undefined) return log;
  return `labs: the embedded cluster does not run ${pod.metadata.namespace}/${pod.metadata.name}'s ${container} process, so it has no log; run the lab on a real cluster (--target kind) to see it.\n`;
}

function respondWrite(ctx: HandlerContext, target: Target, result: WriteResult, res: ServerResponse): void {
  const presented = presentOne({ obj: result.object, info: target.info, version: target.version, accept: undefined, includeObject: null, now: ctx.cluster.now() });
  sendJson(res, result.created ? 201 : 200, presented.body, { warnings: result.warnings });
}

async function handlePatch(ctx: HandlerContext, target: Target & { subresource?: string }, query: URLSearchParams, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const media = mediaType(req.headers['content-type']);
  if (!PATCH_TYPES.includes(media)) throw unsupportedMedia(PATCH_TYPES.slice(0, 4));
  const options = writeOptions(query, req);
  const force = query.get('force') === 'true';
  const body = decodeBody(await readBody(req), media, 'error decoding patch');
  if (media === 'application/apply-patch+yaml') {
    if (!query.get('fieldManager')) throw new ApiError({ code: 422, reason: 'Invalid', message: 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch', details: { kind: 'PatchOptions', group: 'meta.k8s.io', causes: [{ reason: 'FieldValueRequired', message: 'Required value: is required for apply patch', field: 'fieldManager' }] } });
    respondWrite(ctx, target, applyObject(ctx.cluster, target, body, { ...options, force }), res);
    return;
  }
  if (force) throw new ApiError({ code: 422, reason: 'Invalid', message: 'PatchOptions.meta.k8s.io "" is invalid: force: Forbidden: may not be specified for non-apply patch' });
  if (media === 'application/strategic-merge-patch+json' && target.info.crd) throw unsupportedMedia(PATCH_TYPES.filter((t) => !t.includes('strategic') && !t.includes('cbor')));
  const patch = media === 'application/json-patch+json' ? (old: unknown) => applyJsonPatch(old, body)
    : media === 'application/merge-patch+json' ? (old: unknown) => applyMergePatch(old, body)
      : (old: unknown) => applyStrategicMergePatch(old, body);
  if (media !== 'application/json-patch+json' && (typeof body !== 'object' || body === null || Array.isArray(body))) throw badRequest('error decoding patch: the patch must be a JSON object');
  respondWrite(ctx, target, patchObject(ctx.cluster, target, patch, options), res);
}

async function handleWrite(ctx: HandlerContext, target: Target & { subresource?: string }, query: URLSearchParams, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (target.info.readOnly) throw methodNotSupported(target.info.group, target.info.plural, req.method === 'POST' ? 'create' : req.method === 'PUT' ? 'update' : 'patch');
  if (req.method === 'PATCH') return handlePatch(ctx, target, query, req, res);
  const media = mediaType(req.headers['content-type']) || 'application/json';
  if (!WRITE_TYPES.includes(media)) throw unsupportedMedia(WRITE_TYPES);
  const options = writeOptions(query, req);
  const body = decodeBody(await readBody(req), media, "couldn't get version/kind");
  if (req.method === 'POST') {
    if (target.name !== undefined) throw methodNotSupported(target.info.group, target.info.plural, 'create');
    respondWrite(ctx, target, createObject(ctx.cluster, target, body, options), res);
    return;
  }
  respondWrite(ctx, target, updateObject(ctx.cluster, target, body, options), res);
}

function handleDelete(ctx: HandlerContext, target: Target, query: URLSearchParams, req: IncomingMessage, res: ServerResponse): void {
  const dryRun = query.getAll('dryRun').includes('All');
  if (target.name !== undefined) {
    const result = deleteObject(ctx.cluster, target, { dryRun, onNamespaceTerminating: ctx.onNamespaceTerminating });
    sendJson(res, 200, result.body);
    return;
  }
  const victims = listObjects(ctx, target, query);
  for (const obj of victims) deleteObject(ctx.cluster, { ...target, namespace: obj.metadata.namespace, name: obj.metadata.name }, { dryRun, onNamespaceTerminating: ctx.onNamespaceTerminating });
  const presented = presentList({ objects: victims, info: target.info, version: target.version, resourceVersion: String(ctx.cluster.store.currentVersion()), accept: undefined, includeObject: null, now: ctx.cluster.now() });
  sendJson(res, 200, presented.body);
}

// POST of a review: answered at once; nothing else is allowed on it.
async function handleReview(target: Target, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'POST' || target.name !== undefined) throw new ApiError({ code: 405, reason: 'MethodNotAllowed', message: 'the server does not allow this method on the requested resource' });
  const media = mediaType(req.headers['content-type']) || 'application/json';
  if (!WRITE_TYPES.includes(media)) throw unsupportedMedia(WRITE_TYPES);
  const body = decodeBody(await readBody(req), media, "couldn't get version/kind");
  sendJson(res, 201, answerReview(target.info, body));
}

// Serve one request on a resource path.
export async function handleResource(ctx: HandlerContext, target: Target & { subresource?: string }, req: IncomingMessage, res: ServerResponse, query: URLSearchParams): Promise<void> {
  if (target.subresource === 'exec' || target.subresource === 'attach') {
    // The same checks as an upgrade request; a valid one still needs a WebSocket.
    req.resume();
    const stream = { namespace: target.namespace ?? 'default', pod: target.name ?? '', query, attach: target.subresource === 'attach' };
    checkStreamRequest(ctx.cluster, stream);
    throw spdyRefusal(stream);
  }
  if (target.subresource === 'portforward') throw badRequest(streamingRefusal('portforward'));
  if (target.info.review) return handleReview(target, req, res);
  if (target.subresource === 'scale') return handleScale({ cluster: ctx.cluster, target, req, res, writeOptions: () => writeOptions(query, req) });
  switch (req.method) {
    case 'GET': {
      if (target.name !== undefined) return handleGet(ctx, target, query, req, res);
      const watch = query.get('watch');
      if (watch === 'true' || watch === '1') {
        serveWatch(req, res, {
          cluster: ctx.cluster, info: target.info, version: target.version, namespace: target.namespace,
          labels: parseLabelSelector(query.get('labelSelector')), fields: parseFieldSelector(query.get('fieldSelector'), target.info.kind),
          resourceVersion: query.get('resourceVersion'), timeoutSeconds: Number(query.get('timeoutSeconds') ?? '1800'), accept: req.headers.accept,
        }, ctx.closing);
        return;
      }
      return handleList(ctx, target, query, req, res);
    }
    case 'POST': case 'PUT': case 'PATCH':
      return handleWrite(ctx, target, query, req, res);
    case 'DELETE':
      if (target.info.readOnly) throw methodNotSupported(target.info.group, target.info.plural, 'delete');
      return handleDelete(ctx, target, query, req, res);
    default:
      throw new ApiError({ code: 405, reason: 'MethodNotAllowed', message: `the server does not allow this method on the requested resource` });
  }
}
