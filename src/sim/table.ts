// meta.k8s.io/v1 Table responses: what `kubectl get` prints. Built-in kinds use PRINTERS; custom
// kinds use their printer columns (apiextensions-apiserver tableconvertor: dates become ages).
import type { KubeObject } from '../mesh/types.ts';
import { ageOf } from './age.ts';
import type { KindInfo } from './kinds.ts';
import { PRINTERS, type ColumnDefinition, type Printer } from './printers.ts';

// Evaluate the small JSONPath subset CRD printer columns use: .a.b, [*], [N], [?(@.k=="v")].
export function evaluateJsonPath(obj: unknown, path: string): unknown[] {
  const tokens = path.match(/\.[A-Za-z0-9_-]+|\[[^\]]*\]/g) ?? [];
  let current: unknown[] = [obj];
  for (const token of tokens) {
    const next: unknown[] = [];
    for (const value of current) {
      if (token.startsWith('.')) {
        if (value && typeof value === 'object' && !Array.isArray(value)) {
          const v = (value as Record<string, unknown>)[token.slice(1)];
          if (v !== undefined) next.push(v);
        }
      } else if (Array.isArray(value)) {
        const inner = token.slice(1, -1);
        const filter = /^\?\(@\.([A-Za-z0-9_-]+)\s*==\s*["']([^"']*)["']\)$/.exec(inner);
        if (inner === '*') next.push(...value);
        else if (filter) next.push(...value.filter((v) => v && typeof v === 'object' && (v as Record<string, unknown>)[filter[1] ?? ''] === filter[2]));
        else if (/^\d+$/.test(inner) && value[Number(inner)] !== undefined) next.push(value[Number(inner)]);
      }
    }
    current = next;
  }
  return current;
}

function cellOf(results: unknown[], type: string, now: number): unknown {
  if (results.length === 0) return null;
  const render = (v: unknown): unknown => {
    if (type === 'date' && typeof v === 'string') return ageOf(v, now);
    if (typeof v === 'object' && v !== null) return JSON.stringify(v);
    return v;
  };
  return results.length === 1 ? render(results[0]) : results.map((r) => String(render(r))).join(',');
}

function customPrinter(info: KindInfo): Printer {
  const defs = [{ name: 'Name', type: 'string', jsonPath: '.metadata.name', priority: 0 }, ...(info.printerColumns ?? [{ name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' }])];
  const columns: ColumnDefinition[] = defs.map((d) => ({ name: d.name, type: d.type, format: d.name === 'Name' ? 'name' : '', description: ('description' in d ? d.description : undefined) ?? '', priority: d.priority ?? 0 }));
  return { columns, cells: (obj, now) => defs.map((d) => cellOf(evaluateJsonPath(obj, d.jsonPath), d.type, now)) };
}

// The Table printer of a kind.
export function printerOf(info: KindInfo): Printer {
  return PRINTERS[`${info.group}/${info.kind}`] ?? customPrinter(info);
}

function partialMetadata(obj: KubeObject): Record<string, unknown> {
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata };
}

// A Table of objects; includeObject "Object" embeds each object, "None" nothing, else its metadata.
export function toTable(options: { objects: KubeObject[]; info: KindInfo; now: number; resourceVersion: string; includeObject: string | null }): Record<string, unknown> {
  const { objects, info, now, resourceVersion, includeObject } = options;
  const printer = printerOf(info);
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion },
    columnDefinitions: printer.columns,
    rows: objects.map((obj) => ({
      cells: printer.cells(obj, now),
      ...(includeObject === 'None' ? {} : { object: includeObject === 'Object' ? obj : partialMetadata(obj) }),
    })),
  };
}
