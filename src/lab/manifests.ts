// Manifest files: YAML streams whose documents are each a Kubernetes object with apiVersion, kind and metadata.name.
import { LineCounter, parseAllDocuments } from 'yaml';
import type { LabProblem } from './errors.ts';
import { describeValue, isMapping } from './finding.ts';

// What the loader knows of an object before the API server sees it.
export interface KubeObjectLike {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; [key: string]: unknown };
  [key: string]: unknown;
}

// One object of a manifest file and where it starts.
export interface ManifestDocument {
  file: string; // relative to the lab folder, as written in lab.yaml
  index: number; // 1-based document number in the file, counting every `---` document
  line: number;
  column: number;
  object: KubeObjectLike;
}

export interface ParsedManifest {
  documents: ManifestDocument[];
  problems: LabProblem[];
}

const REQUIRED = 'every Kubernetes object needs apiVersion, kind and metadata.name';

// The first thing missing from a would-be Kubernetes object, or undefined when it has what it needs.
function findMissing(object: Record<string, unknown>): string | undefined {
  for (const key of ['apiVersion', 'kind'] as const) {
    const value = object[key];
    if (value === undefined || value === null) return `missing key "${key}"`;
    if (typeof value !== 'string' || value === '') return `"${key}" must be a non-empty string; found ${describeValue(value)}`;
  }
  const metadata = object.metadata;
  if (!isMapping(metadata)) return metadata === undefined ? 'missing key "metadata"' : `"metadata" must be a mapping; found ${describeValue(metadata)}`;
  if (typeof metadata.name !== 'string' || metadata.name === '') return `missing key "metadata.name"`;
  return undefined;
}

// Parse a manifest file into its objects; problems point into the manifest at file:line:col.
export function parseManifest(text: string, names: { file: string; shown: string }): ParsedManifest {
  const lineCounter = new LineCounter();
  const documents: ManifestDocument[] = [];
  const problems: LabProblem[] = [];
  const problem = (offset: number, message: string) => {
    const { line, col } = lineCounter.linePos(offset);
    problems.push({ file: names.shown, line, column: col, path: '', message });
  };
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: true });
  docs.forEach((doc, i) => {
    const index = i + 1;
    const [error] = doc.errors;
    if (error) return problem(error.pos[0], `invalid YAML in document ${index}: ${error.message.split(' at line ')[0]!.split('\n')[0]}.`);
    if (doc.contents === null) return; // an empty document, e.g. after a trailing ---
    const start = doc.contents.range[0];
    let object: unknown;
    try {
      object = doc.toJS({ maxAliasCount: 100 });
    } catch (cause) {
      return problem(start, `invalid YAML in document ${index}: ${cause instanceof Error ? cause.message : String(cause)}.`);
    }
    if (object === null || object === undefined) return;
    if (!isMapping(object)) return problem(start, `document ${index}: expected a Kubernetes object; found ${describeValue(object)}.`);
    const missing = findMissing(object);
    if (missing) return problem(start, `document ${index}: ${missing}; ${REQUIRED}.`);
    const { line, col } = lineCounter.linePos(start);
    documents.push({ file: names.file, index, line, column: col, object: object as KubeObjectLike });
  });
  if (documents.length === 0 && problems.length === 0) problem(0, 'the file holds no Kubernetes objects.');
  return { documents, problems };
}
