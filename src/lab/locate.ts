// Positions of lab.yaml nodes: a path such as steps[1].checks[0] → the line and column of its key or value.
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { PathSegment } from './errors.ts';

export interface Position {
  line: number;
  column: number;
}

// A parsed YAML file that still knows where each node came from.
export interface YamlSource {
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

export type NodeTarget = 'key' | 'value';

// Parse one YAML document keeping source positions.
export function parseYamlSource(text: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, keepSourceTokens: true, uniqueKeys: true });
  return { doc, lineCounter };
}

// The line and column of a character offset.
export function positionAt(source: YamlSource, offset: number): Position {
  const { line, col } = source.lineCounter.linePos(offset);
  return { line, column: col };
}

interface Found {
  node: Node | null; // the value node at the path (null for an empty value)
  key: Node | null; // the key node of the last segment, when it is a mapping key
  complete: boolean; // false when the walk stopped before the end of the path
  deepest: Node | null; // the last node reached
}

function follow(source: YamlSource, node: unknown): unknown {
  return isAlias(node) ? node.resolve(source.doc) : node;
}

function walk(source: YamlSource, path: readonly PathSegment[]): Found {
  let node = follow(source, source.doc.contents) as Node | null;
  let key: Node | null = null;
  let deepest: Node | null = node;
  for (const segment of path) {
    key = null;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && String(isScalar(p.key) ? p.key.value : p.key) === String(segment));
      if (!pair) return { node: null, key: null, complete: false, deepest };
      key = pair.key as Node;
      node = follow(source, pair.value) as Node | null;
      deepest = (node?.range ? node : key) ?? deepest;
    } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
      node = follow(source, node.items[segment]) as Node | null;
      deepest = node ?? deepest;
    } else {
      return { node: null, key: null, complete: false, deepest };
    }
  }
  return { node, key, complete: true, deepest };
}

function startOf(source: YamlSource, node: Node | null): Position | undefined {
  const offset = node?.range?.[0];
  return offset === undefined ? undefined : positionAt(source, offset);
}

// The exact position of the node at a path (its value, or its key), or undefined when there is none.
export function locateNode(source: YamlSource, path: readonly PathSegment[], target: NodeTarget = 'value'): Position | undefined {
  const found = walk(source, path);
  if (!found.complete) return undefined;
  const value = isScalar(found.node) && found.node.value === null && found.node.source === '' ? null : found.node;
  return target === 'key' ? startOf(source, found.key ?? value) : startOf(source, value ?? found.key);
}

// The position of the node at a path, or of the deepest node on the way to it; 1:1 for an empty file.
export function locateNearest(source: YamlSource, path: readonly PathSegment[], target: NodeTarget = 'value'): Position {
  return locateNode(source, path, target) ?? startOf(source, walk(source, path).deepest) ?? { line: 1, column: 1 };
}
