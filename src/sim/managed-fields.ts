// Field ownership as sets of paths, and their FieldsV1 form in metadata.managedFields
// (structured-merge-diff fieldpath: "f:name", "k:{...}" for associative list items, "." for the item itself).
import { mergeKeyOf } from './patch.ts';

export type FieldSet = Set<string>;

const SEP = '\n';
const IGNORED_METADATA = new Set(['name', 'namespace', 'uid', 'resourceVersion', 'creationTimestamp', 'managedFields', 'generation', 'selfLink', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generateName']);

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function itemSegment(key: string, item: Record<string, unknown>): string {
  return `k:${JSON.stringify({ [key]: item[key] })}`;
}

function collect(value: unknown, prefix: string[], out: FieldSet, field: string): void {
  if (isMap(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0 && prefix.length > 0) out.add(prefix.join(SEP));
    for (const k of keys) {
      if (prefix.length === 0 && (k === 'apiVersion' || k === 'kind' || k === 'status')) continue;
      if (prefix.length === 1 && prefix[0] === 'f:metadata' && IGNORED_METADATA.has(k)) continue;
      collect(value[k], [...prefix, `f:${k}`], out, k);
    }
    return;
  }
  if (Array.isArray(value)) {
    const key = mergeKeyOf(field, value);
    if (key && value.every((i) => isMap(i) && i[key] !== undefined)) {
      for (const item of value as Array<Record<string, unknown>>) {
        const itemPath = [...prefix, itemSegment(key, item)];
        out.add([...itemPath, '.'].join(SEP));
        collect(item, itemPath, out, '');
      }
      return;
    }
  }
  out.add(prefix.join(SEP));
}

// The leaf field paths an object (or an applied configuration) sets; status, apiVersion, kind and
// server-owned metadata are left out.
export function fieldPaths(obj: unknown): FieldSet {
  const out: FieldSet = new Set();
  collect(obj, [], out, '');
  return out;
}

// The value at a path, or undefined. A path ending in "." gives the list item itself.
export function valueAt(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const seg of path.split(SEP)) {
    if (seg === '.') return cur;
    if (seg.startsWith('f:')) cur = isMap(cur) ? cur[seg.slice(2)] : undefined;
    else if (seg.startsWith('k:')) {
      const match = JSON.parse(seg.slice(2)) as Record<string, unknown>;
      cur = Array.isArray(cur) ? cur.find((i) => isMap(i) && Object.entries(match).every(([k, v]) => i[k] === v)) : undefined;
    }
    if (cur === undefined) return undefined;
  }
  return cur;
}

// Remove the value at a path from obj (mutates obj). Removing "." removes the list item.
export function removeAt(obj: unknown, path: string): void {
  const segs = path.split(SEP);
  const last = segs[segs.length - 1] === '.' ? segs.slice(0, -1) : segs;
  const parentPath = last.slice(0, -1);
  const parent = parentPath.length === 0 ? obj : valueAt(obj, parentPath.join(SEP));
  const seg = last[last.length - 1] ?? '';
  if (seg.startsWith('f:') && isMap(parent)) delete parent[seg.slice(2)];
  if (seg.startsWith('k:') && Array.isArray(parent)) {
    const match = JSON.parse(seg.slice(2)) as Record<string, unknown>;
    const idx = parent.findIndex((i) => isMap(i) && Object.entries(match).every(([k, v]) => i[k] === v));
    if (idx >= 0) parent.splice(idx, 1);
  }
}

// The FieldsV1 tree of a set of paths.
export function toFieldsV1(set: FieldSet): Record<string, unknown> {
  const root: Record<string, any> = {};
  for (const path of [...set].sort()) {
    let node = root;
    for (const seg of path.split(SEP)) node = node[seg] ??= {};
  }
  return root;
}

// The set of paths of a FieldsV1 tree.
export function fromFieldsV1(tree: unknown): FieldSet {
  const out: FieldSet = new Set();
  const walk = (node: unknown, prefix: string[]): void => {
    if (!isMap(node)) return;
    const keys = Object.keys(node);
    if (keys.length === 0 && prefix.length > 0) out.add(prefix.join(SEP));
    for (const k of keys) {
      if (k === '.') out.add([...prefix, '.'].join(SEP));
      else walk(node[k], [...prefix, k]);
    }
  };
  walk(tree, []);
  return out;
}

// Human form of a path for conflict messages: .spec.replicas, .spec.containers[name="x"].image.
export function describePath(path: string): string {
  return path.split(SEP).filter((s) => s !== '.').map((seg) => {
    if (seg.startsWith('f:')) return `.${seg.slice(2)}`;
    const match = JSON.parse(seg.slice(2)) as Record<string, unknown>;
    return `[${Object.entries(match).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}]`;
  }).join('');
}
