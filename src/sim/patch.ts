// The three PATCH formats: JSON merge patch (RFC 7386), JSON patch (RFC 6902) and strategic merge
// patch for the built-in kinds (apimachinery/pkg/util/strategicpatch/patch.go).
import { badRequest, ApiError } from './errors.ts';

type Json = unknown;
type JsonMap = Record<string, Json>;

const isMap = (v: Json): v is JsonMap => typeof v === 'object' && v !== null && !Array.isArray(v);

// Apply an RFC 7386 merge patch: null deletes, maps merge, everything else replaces.
export function applyMergePatch(target: Json, patch: Json): Json {
  if (!isMap(patch)) return structuredClone(patch);
  const out: JsonMap = isMap(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = applyMergePatch(out[k], v);
  }
  return out;
}

function unescapePointer(seg: string): string {
  return seg.replace(/~1/g, '/').replace(/~0/g, '~');
}

function parsePointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw badRequest(`the server rejected our request due to an error in our request`);
  return path.slice(1).split('/').map(unescapePointer);
}

function resolveParent(doc: Json, segs: string[], op: string, path: string): { parent: Json; key: string } {
  let cur = doc;
  for (const seg of segs.slice(0, -1)) {
    cur = Array.isArray(cur) ? cur[Number(seg)] : isMap(cur) ? cur[seg] : undefined;
    if (cur === undefined) throw new ApiError({ code: 422, reason: 'Invalid', message: `${op} operation does not apply: doc is missing path: "${path}": missing value` });
  }
  return { parent: cur, key: segs[segs.length - 1] ?? '' };
}

function getAt(doc: Json, path: string): Json {
  let cur = doc;
  for (const seg of parsePointer(path)) cur = Array.isArray(cur) ? cur[Number(seg)] : isMap(cur) ? cur[seg] : undefined;
  return cur;
}

function jsonPatchOp(doc: Json, op: JsonMap): Json {
  const kind = String(op.op);
  const path = typeof op.path === 'string' ? op.path : '';
  const segs = parsePointer(path);
  if (segs.length === 0) return kind === 'remove' ? null : structuredClone(op.value);
  const missing = (): ApiError => new ApiError({ code: 422, reason: 'Invalid', message: `${kind} operation does not apply: doc is missing path: "${path}": missing value` });
  const { parent, key } = resolveParent(doc, segs, kind, path);
  const set = (value: Json, insert: boolean): void => {
    if (Array.isArray(parent)) {
      const i = key === '-' ? parent.length : Number(key);
      if (Number.isNaN(i) || i < 0 || i > parent.length) throw missing();
      parent.splice(i, insert ? 0 : 1, value);
    } else if (isMap(parent)) parent[key] = value;
    else throw missing();
  };
  const remove = (): void => {
    if (Array.isArray(parent) && Number(key) < parent.length) parent.splice(Number(key), 1);
    else if (isMap(parent) && Object.hasOwn(parent, key)) delete parent[key];
    else throw missing();
  };
  switch (kind) {
    case 'add': set(structuredClone(op.value), true); break;
    case 'replace': if (getAt(doc, path) === undefined) throw missing(); set(structuredClone(op.value), false); break;
    case 'remove': remove(); break;
    case 'test':
      if (JSON.stringify(getAt(doc, path)) !== JSON.stringify(op.value)) throw new ApiError({ code: 422, reason: 'Invalid', message: `testing value ${path} failed: test failed` });
      break;
    case 'move': case 'copy': {
      const value = structuredClone(getAt(doc, String(op.from)));
      if (value === undefined) throw missing();
      if (kind === 'move') doc = jsonPatchOp(doc, { op: 'remove', path: op.from });
      return jsonPatchOp(doc, { op: 'add', path, value });
    }
    default: throw badRequest(`Unexpected kind: ${kind}`);
  }
  return doc;
}

// Apply an RFC 6902 JSON patch (a list of operations) to a copy of the document.
export function applyJsonPatch(target: Json, ops: Json): Json {
  if (!Array.isArray(ops)) throw badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  let doc = structuredClone(target);
  for (const op of ops) {
    if (!isMap(op)) throw badRequest('json: cannot unmarshal into Go value of type jsonpatch.Operation');
    doc = jsonPatchOp(doc, op);
  }
  return doc;
}

const MERGE_KEYS: Record<string, string> = {
  containers: 'name', initContainers: 'name', ephemeralContainers: 'name', env: 'name', volumes: 'name',
  volumeMounts: 'mountPath', imagePullSecrets: 'name', conditions: 'type', ownerReferences: 'uid', hostAliases: 'ip',
  finalizers: '', // a set of strings, merged
};

// The merge key of a list field of a built-in kind, '' for a merged primitive list, undefined for atomic lists.
export function mergeKeyOf(field: string, items: Json[]): string | undefined {
  if (field === 'ports') return items.some((i) => isMap(i) && 'containerPort' in i) ? 'containerPort' : 'port';
  return MERGE_KEYS[field];
}

function mergeList(field: string, live: Json, patch: Json[], directives: JsonMap): Json[] {
  const base = Array.isArray(live) ? live : [];
  const key = mergeKeyOf(field, [...base, ...patch]);
  const deleted = directives[`$deleteFromPrimitiveList/${field}`];
  if (key === '') {
    const merged = [...base, ...patch.filter((p) => !base.includes(p))];
    return Array.isArray(deleted) ? merged.filter((v) => !deleted.includes(v)) : merged;
  }
  if (key === undefined) return patch.filter((p) => !(isMap(p) && p.$patch !== undefined));
  if (patch.some((p) => isMap(p) && p.$patch === 'replace')) return patch.filter((p) => !(isMap(p) && p.$patch === 'replace'));
  const out = base.map((i) => structuredClone(i));
  for (const item of patch) {
    if (!isMap(item)) continue;
    const idx = out.findIndex((o) => isMap(o) && o[key] === item[key]);
    if (item.$patch === 'delete') {
      if (idx >= 0) out.splice(idx, 1);
    } else if (idx >= 0) out[idx] = applyStrategicMergePatch(out[idx], item);
    else out.push(applyStrategicMergePatch({}, item));
  }
  return out;
}

// Apply a strategic merge patch: like a merge patch, but lists with a merge key merge by that key
// and the $patch / $setElementOrder / $deleteFromPrimitiveList / $retainKeys directives are honoured.
export function applyStrategicMergePatch(target: Json, patch: Json): Json {
  if (!isMap(patch)) return structuredClone(patch);
  if (patch.$patch === 'replace') {
    const { $patch: _p, ...rest } = patch;
    return structuredClone(rest);
  }
  if (patch.$patch === 'delete') return undefined;
  const out: JsonMap = isMap(target) ? { ...target } : {};
  const retain = patch.$retainKeys;
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$')) continue;
    if (v === null) delete out[k];
    else if (Array.isArray(v)) out[k] = mergeList(k, out[k], v, patch);
    else out[k] = applyStrategicMergePatch(out[k], v);
  }
  if (Array.isArray(retain)) for (const k of Object.keys(out)) if (!retain.includes(k)) delete out[k];
  return out;
}
