// Objects and lists as the API returns them: in the version asked for, or as a Table.
import type { KubeObject } from '../mesh/types.ts';
import { groupVersion, type KindInfo } from './kinds.ts';
import { toTable } from './table.ts';

const TABLE_CONTENT_TYPE = 'application/json;as=Table;v=v1;g=meta.k8s.io';

// Whether the Accept header asks for a meta.k8s.io Table.
export function wantsTable(accept: string | undefined): boolean {
  return (accept ?? '').split(',').some((part) => part.includes('as=Table') && part.includes('g=meta.k8s.io'));
}

// An object converted to the requested version (the kinds we serve have one schema across versions).
export function present(obj: KubeObject, info: KindInfo, version: string): KubeObject {
  return { ...obj, apiVersion: groupVersion(info.group, version) };
}

export interface Presented {
  body: unknown;
  contentType: string;
}

// A list response, or a Table of it.
export function presentList(options: {
  objects: KubeObject[]; info: KindInfo; version: string; resourceVersion: string; accept: string | undefined;
  includeObject: string | null; now: number; continueToken?: string; remaining?: number;
}): Presented {
  const { objects, info, version, resourceVersion, accept, includeObject, now, continueToken, remaining } = options;
  const items = objects.map((o) => present(o, info, version));
  const metadata = { resourceVersion, ...(continueToken ? { continue: continueToken, remainingItemCount: remaining } : {}) };
  if (wantsTable(accept)) {
    const table = toTable({ objects: items, info, now, resourceVersion, includeObject });
    return { body: { ...table, metadata }, contentType: TABLE_CONTENT_TYPE };
  }
  return { body: { kind: `${info.kind}List`, apiVersion: groupVersion(info.group, version), metadata, items }, contentType: 'application/json' };
}

// A single object, or a one-row Table of it.
export function presentOne(options: { obj: KubeObject; info: KindInfo; version: string; accept: string | undefined; includeObject: string | null; now: number }): Presented {
  const { obj, info, version, accept, includeObject, now } = options;
  const out = present(obj, info, version);
  if (wantsTable(accept)) {
    return { body: toTable({ objects: [out], info, now, resourceVersion: typeof obj.metadata.resourceVersion === 'string' ? obj.metadata.resourceVersion : '', includeObject }), contentType: TABLE_CONTENT_TYPE };
  }
  return { body: out, contentType: 'application/json' };
}
