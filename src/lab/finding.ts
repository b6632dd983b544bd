// A problem in lab.yaml before it has a position: the path shown, the node it points at, the message.
import type { PathSegment } from './errors.ts';
import type { NodeTarget } from './locate.ts';

export interface Finding {
  path: readonly PathSegment[]; // shown before the message
  at: readonly PathSegment[]; // the node whose position is reported
  target: NodeTarget; // its key or its value
  message: string;
  missing?: string; // the required key this finding says is missing
  suggested?: string; // the key an unknown-key finding suggests
}

// Drop "missing key X" findings where an unknown key of the same mapping already says "Did you mean X?".
export function dropExplainedMissingKeys(findings: Finding[]): Finding[] {
  const suggested = new Set(findings.filter((f) => f.suggested).map((f) => `${f.path.join('.')}|${f.suggested}`));
  return findings.filter((f) => !f.missing || !suggested.has(`${f.path.join('.')}|${f.missing}`));
}

// A finding about the value at a path.
export function findValue(path: readonly PathSegment[], message: string): Finding {
  return { path, at: path, target: 'value', message };
}

// A finding about a key of the mapping at a path, reported at that key.
export function findKey(path: readonly PathSegment[], key: string, message: string): Finding {
  return { path, at: [...path, key], target: 'key', message };
}

// Describe a YAML value for "found ...": the string "x", the number 5, a list, a mapping, nothing.
export function describeValue(value: unknown): string {
  if (value === undefined || value === null) return 'nothing';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value)}`;
  if (typeof value === 'number' || typeof value === 'boolean') return `the ${typeof value} ${String(value)}`;
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Uint8Array) return 'binary data';
  if (typeof value === 'object') return 'a mapping';
  return typeof value;
}

// The value at a path of plain data, or undefined.
export function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let value = data;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

// Whether a value is a YAML mapping (a plain object).
export function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Uint8Array);
}
