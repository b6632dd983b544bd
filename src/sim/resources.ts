// The write verbs on objects (create, update, patch, apply, delete), independent of HTTP:
// admission, ownership bookkeeping, resourceVersion checks, dry-run, then the controllers.
import { randomInt } from 'node:crypto';
import type { KubeObject } from '../mesh/types.ts';
import { checkNamespaceWritable, mutateObject, validateObject, type FieldValidation } from './admission.ts';
import { resourceOf, type SimCluster } from './cluster.ts';
import { alreadyExists, badRequest, conflict, notFound } from './errors.ts';
import { groupVersion, type KindInfo } from './kinds.ts';
import { applyConfiguration, recordUpdate, sameJson } from './server-side-apply.ts';

export interface WriteOptions {
  dryRun: boolean;
  fieldManager: string;
  fieldValidation: FieldValidation;
}

export interface WriteResult {
  object: KubeObject;
  warnings: string[];
  created: boolean;
}

// The target of a request: which kind, version and object.
export interface Target {
  info: KindInfo;
  version: string;
  namespace: string | undefined;
  name: string | undefined;
}

const GENERATE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

// A random suffix the way the API server makes generateName unique.
export function randomSuffix(length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += GENERATE_ALPHABET[randomInt(GENERATE_ALPHABET.length)];
  return s;
}

const hasGeneration = (info: KindInfo): boolean => info.group !== '';
const specOf = (o: KubeObject): unknown => {
  const { metadata: _m, status: _s, apiVersion: _a, kind: _k, ...rest } = o;
  return rest;
};

// Check the body against the URL: apiVersion, kind, namespace and name.
export function checkBodyMatches(body: any, target: Target): void {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('the object provided is unrecognized (must be of type object)');
  const expected = groupVersion(target.info.group, target.version);
  if (body.apiVersion !== undefined && body.apiVersion !== expected) {
    throw badRequest(`the API version in the data (${body.apiVersion}) does not match the expected API version (${expected})`);
  }
  if (body.kind !== undefined && body.kind !== target.info.kind) {
    throw badRequest(`${body.kind} in version "${target.version}" cannot be handled as a ${target.info.kind}: no kind "${body.kind}" is registered for version "${expected}"`);
  }
  const ns = body.metadata?.namespace;
  if (target.info.namespaced && ns !== undefined && ns !== '' && ns !== target.namespace) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  const name = body.metadata?.name;
  if (target.name !== undefined && name !== undefined && name !== target.name) {
    throw badRequest(`the name of the object (${name}) does not match the name on the URL (${target.name})`);
  }
}

function normalize(body: any, target: Target): KubeObject {
  const metadata = { ...(body.metadata ?? {}) };
  if (target.info.namespaced) metadata.namespace = target.namespace;
  else delete metadata.namespace;
  if (!metadata.name && target.name) metadata.name = target.name;
  return { ...body, apiVersion: groupVersion(target.info.group, target.info.versions[0] ?? target.version), kind: target.info.kind, metadata };
}

function store(cluster: SimCluster, info: KindInfo, obj: KubeObject, isNew: boolean): KubeObject {
  const stored = isNew ? cluster.store.create(resourceOf(info), obj) : cluster.store.update(resourceOf(info), obj);
  cluster.reconcile();
  return cluster.store.get(resourceOf(info), stored.metadata.namespace, stored.metadata.name) ?? stored;
}

// An object without managedFields timestamps: a write that changes only those is a no-op.
function withoutTimes(obj: KubeObject): unknown {
  const fields = (obj.metadata.managedFields ?? []) as Array<Record<string, unknown>>;
  return { ...obj, metadata: { ...obj.metadata, managedFields: fields.map(({ time: _t, ...rest }) => rest) } };
}

// Admit and store a new version of an object (old undefined for a create).
function write(cluster: SimCluster, target: Target, next: KubeObject, old: KubeObject | undefined, options: WriteOptions & { managedFields?: unknown }): WriteResult {
  const { info } = target;
  let obj = mutateObject({ obj: next, old, info, cluster });
  if (!old) checkNamespaceWritable(cluster, info, obj);
  const warnings = validateObject({ obj, old, info, cluster, fieldValidation: options.fieldValidation });
  const now = cluster.now();
  const managedFields = options.managedFields ?? recordUpdate({ old, updated: obj, manager: options.fieldManager, apiVersion: groupVersion(info.group, target.version), now });
  obj = { ...obj, metadata: { ...obj.metadata, managedFields } };
  if (hasGeneration(info)) {
    const generation = old ? (Number(old.metadata.generation ?? 1) + (sameJson(specOf(old), specOf(obj)) ? 0 : 1)) : 1;
    obj = { ...obj, metadata: { ...obj.metadata, generation } };
  }
  if (old) {
    obj = { ...obj, metadata: { ...obj.metadata, uid: old.metadata.uid, creationTimestamp: old.metadata.creationTimestamp } };
    if (sameJson(withoutTimes(obj), withoutTimes(old)) || options.dryRun) return { object: options.dryRun ? obj : old, warnings, created: false };
  }
  if (options.dryRun) return { object: obj, warnings, created: !old };
  return { object: store(cluster, info, obj, !old), warnings, created: !old };
}

// POST: create an object, with generateName.
export function createObject(cluster: SimCluster, target: Target, body: any, options: WriteOptions): WriteResult {
  checkBodyMatches(body, target);
  const obj = normalize(body, target);
  if (!obj.metadata.name && typeof obj.metadata.generateName === 'string') obj.metadata.name = `${obj.metadata.generateName}${randomSuffix(5)}`;
  delete obj.metadata.resourceVersion;
  delete obj.metadata.uid;
  delete obj.metadata.creationTimestamp;
  if (obj.metadata.name && cluster.store.get(resourceOf(target.info), obj.metadata.namespace, obj.metadata.name)) {
    throw alreadyExists(target.info.group, target.info.plural, obj.metadata.name);
  }
  return write(cluster, target, obj, undefined, options);
}

function existing(cluster: SimCluster, target: Target): KubeObject {
  const old = cluster.store.get(resourceOf(target.info), target.namespace, target.name ?? '');
  if (!old) throw notFound(target.info.group, target.info.plural, target.name ?? '');
  return old;
}

// Keep the main resource and the status subresource apart, as the API server does.
function splitStatus(old: KubeObject, next: KubeObject, target: Target & { subresource?: string }): KubeObject {
  if (target.subresource === 'status') return { ...old, status: next.status };
  if (!target.info.subresources?.includes('status')) return next;
  const { status: _ignored, ...rest } = next;
  return old.status === undefined ? rest : { ...rest, status: old.status };
}

// PUT: replace an object; a stale resourceVersion is a 409 Conflict.
export function updateObject(cluster: SimCluster, target: Target & { subresource?: string }, body: any, options: WriteOptions): WriteResult {
  checkBodyMatches(body, target);
  const old = existing(cluster, target);
  const rv = body.metadata?.resourceVersion;
  if (rv !== undefined && rv !== '' && rv !== old.metadata.resourceVersion) {
    throw conflict({ group: target.info.group, plural: target.info.plural, name: old.metadata.name, message: 'the object has been modified; please apply your changes to the latest version and try again' });
  }
  const next = splitStatus(old, normalize(body, target), target);
  return write(cluster, target, next, old, options);
}

// PATCH (merge, JSON or strategic): compute the new object with `patch` and write it like an update.
export function patchObject(cluster: SimCluster, target: Target & { subresource?: string }, patch: (old: KubeObject) => unknown, options: WriteOptions): WriteResult {
  const old = existing(cluster, target);
  const patched = patch(structuredClone(old)) as any;
  const rv = patched?.metadata?.resourceVersion;
  if (rv !== undefined && rv !== old.metadata.resourceVersion) {
    throw conflict({ group: target.info.group, plural: target.info.plural, name: old.metadata.name, message: 'the object has been modified; please apply your changes to the latest version and try again' });
  }
  checkBodyMatches({ ...patched, apiVersion: undefined, kind: undefined }, target);
  const next = splitStatus(old, normalize({ ...patched, apiVersion: old.apiVersion, kind: old.kind }, target), target);
  return write(cluster, target, next, old, options);
}

// PATCH application/apply-patch+yaml: server-side apply, creating the object when it is missing.
export function applyObject(cluster: SimCluster, target: Target, applied: any, options: WriteOptions & { force: boolean }): WriteResult {
  checkBodyMatches(applied, target);
  if (applied.apiVersion === undefined || applied.kind === undefined) {
    throw badRequest(`error decoding YAML: Object 'Kind' is missing in '${JSON.stringify(applied)}'`);
  }
  const old = cluster.store.get(resourceOf(target.info), target.namespace, target.name ?? '');
  const merged = applyConfiguration({
    live: old, applied: normalize({ ...applied, metadata: { ...(applied.metadata ?? {}) } }, target),
    manager: options.fieldManager, force: options.force, apiVersion: groupVersion(target.info.group, target.version), now: cluster.now(),
  });
  const next = old ? { ...merged, status: old.status } : merged;
  return write(cluster, target, next, old, { ...options, managedFields: merged.metadata.managedFields });
}
