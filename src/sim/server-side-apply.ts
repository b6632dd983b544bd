// Server-side apply with per-manager field ownership, and ownership bookkeeping for ordinary
// writes (k8s.io/apiserver/pkg/endpoints/handlers/fieldmanager; sigs.k8s.io/structured-merge-diff).
// A field leaves the object only when the manager that owns it alone re-applies without it; a
// field another manager owns with a different value is a conflict unless force is set.
import { ApiError } from './errors.ts';
import { describePath, fieldPaths, fromFieldsV1, removeAt, toFieldsV1, valueAt, type FieldSet } from './managed-fields.ts';
import { mergeKeyOf } from './patch.ts';
import { timestamp } from './store.ts';

export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  fieldsType: 'FieldsV1';
  fieldsV1: Record<string, unknown>;
  subresource?: string;
}

interface Owner {
  entry: ManagedFieldsEntry;
  set: FieldSet;
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

// Deep equality of two JSON values, key order aside.
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => sameJson(v, b[i]));
  if (isMap(a) && isMap(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && sameJson(a[k], b[k]));
  }
  return false;
}

function ownersOf(obj: any): Owner[] {
  const entries = (obj?.metadata?.managedFields ?? []) as ManagedFieldsEntry[];
  return entries.map((entry) => ({ entry, set: fromFieldsV1(entry.fieldsV1) }));
}

function toEntries(owners: Owner[]): ManagedFieldsEntry[] {
  return owners.filter((o) => o.set.size > 0).map((o) => ({ ...o.entry, fieldsV1: toFieldsV1(o.set) }));
}

function mergeApplied(live: unknown, applied: unknown, field: string): unknown {
  if (isMap(applied)) {
    const out: Record<string, unknown> = isMap(live) ? { ...live } : {};
    for (const [k, v] of Object.entries(applied)) out[k] = mergeApplied(out[k], v, k);
    return out;
  }
  if (Array.isArray(applied) && Array.isArray(live)) {
    const key = mergeKeyOf(field, applied);
    if (key && applied.every((i) => isMap(i) && i[key] !== undefined)) {
      const out = live.map((i) => structuredClone(i));
      for (const item of applied as Array<Record<string, unknown>>) {
        const idx = out.findIndex((o) => isMap(o) && o[key] === item[key]);
        if (idx >= 0) out[idx] = mergeApplied(out[idx], item, '');
        else out.push(structuredClone(item));
      }
      return out;
    }
  }
  return structuredClone(applied);
}

function conflictError(conflicts: Array<{ manager: string; path: string }>, describe: (m: string) => string): ApiError {
  const causes = conflicts.map((c) => ({ reason: 'FieldManagerConflict', message: `conflict with ${describe(c.manager)}`, field: describePath(c.path) }));
  let message: string;
  if (conflicts.length === 1) {
    const c = conflicts[0] as { manager: string; path: string };
    message = `Apply failed with 1 conflict: conflict with ${describe(c.manager)}: ${describePath(c.path)}`;
  } else {
    const managers = [...new Set(conflicts.map((c) => c.manager))].sort();
    const lines = managers.flatMap((m) => [`conflicts with ${describe(m)}:`, ...conflicts.filter((c) => c.manager === m).map((c) => `- ${describePath(c.path)}`)]);
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
  }
  return new ApiError({ code: 409, reason: 'Conflict', message, details: { causes } });
}

function describeOwner(entry: ManagedFieldsEntry): string {
  const name = JSON.stringify(entry.manager);
  return entry.operation === 'Update' ? `${name} using ${entry.apiVersion} at ${entry.time}` : name;
}

const underPrefix = (path: string, prefix: string): boolean => path === prefix || path.startsWith(`${prefix}\n`);

// Merge an applied configuration into the live object (undefined when creating) for one manager.
export function applyConfiguration(options: {
  live: any; applied: any; manager: string; force: boolean; apiVersion: string; now: number;
}): any {
  const { live, manager, force, apiVersion, now } = options;
  const { status: _status, ...applied } = options.applied;
  const appliedSet = fieldPaths(applied);
  const owners = ownersOf(live);
  const mine = owners.find((o) => o.entry.manager === manager && o.entry.operation === 'Apply' && !o.entry.subresource);
  const others = owners.filter((o) => o !== mine && !o.entry.subresource);
  const conflicts: Array<{ manager: string; path: string; owner: Owner }> = [];
  for (const path of appliedSet) {
    if (path.endsWith('\n.')) continue;
    for (const other of others) {
      if (other.set.has(path) && !sameJson(valueAt(live, path), valueAt(applied, path))) {
        conflicts.push({ manager: describeOwner(other.entry), path, owner: other });
      }
    }
  }
  if (conflicts.length > 0 && !force) throw conflictError(conflicts, (m) => m);
  for (const c of conflicts) c.owner.set.delete(c.path);
  const merged: any = mergeApplied(live ? structuredClone(live) : {}, applied, '');
  for (const path of mine?.set ?? []) {
    if (appliedSet.has(path)) continue;
    const prefix = path.endsWith('\n.') ? path.slice(0, -2) : path;
    if (others.some((o) => [...o.set].some((p) => underPrefix(p, prefix)))) continue;
    removeAt(merged, path);
  }
  const entry: ManagedFieldsEntry = { manager, operation: 'Apply', apiVersion, time: timestamp(now), fieldsType: 'FieldsV1', fieldsV1: {} };
  const applier: Owner = { entry, set: appliedSet };
  const next = mine ? owners.map((o) => (o === mine ? applier : o)) : [...owners, applier];
  merged.metadata = { ...merged.metadata, managedFields: toEntries(next) };
  return merged;
}

// Record that `manager` wrote `updated` over `old` with an ordinary create, update or patch:
// it now owns every field it changed, and other managers lose those fields.
export function recordUpdate(options: { old: any; updated: any; manager: string; apiVersion: string; now: number; subresource?: string }): ManagedFieldsEntry[] {
  const { old, updated, manager, apiVersion, now, subresource } = options;
  const owners = old ? ownersOf(old) : [];
  const after = fieldPaths(updated);
  const before = old ? fieldPaths(old) : new Set<string>();
  const changed = [...after].filter((p) => !before.has(p) || !sameJson(valueAt(old, p), valueAt(updated, p)));
  for (const o of owners) {
    for (const p of [...o.set]) if (!after.has(p) || (changed.includes(p) && o.entry.manager !== manager)) o.set.delete(p);
  }
  if (changed.length === 0) return toEntries(owners);
  let mine = owners.find((o) => o.entry.manager === manager && o.entry.operation === 'Update' && o.entry.subresource === subresource);
  if (!mine) {
    mine = { entry: { manager, operation: 'Update', apiVersion, time: '', fieldsType: 'FieldsV1', fieldsV1: {}, ...(subresource ? { subresource } : {}) }, set: new Set() };
    owners.push(mine);
  }
  mine.entry = { ...mine.entry, apiVersion, time: timestamp(now) };
  for (const p of changed) mine.set.add(p);
  return toEntries(owners);
}
