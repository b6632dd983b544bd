// Manifest files → documents that can place any of their nodes at file:line:col.
import { LineCounter, parseAllDocuments } from 'yaml';
import { locateNearest, type YamlSource } from '../lab/locate.ts';
import type { LintDocument, LintFinding, LintObject } from './types.ts';

function isObject(value: unknown): value is LintObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const v = value as Record<string, any>;
  return (
    typeof v.apiVersion === 'string' && typeof v.kind === 'string' && typeof v.metadata?.name === 'string'
  );
}

// Parse a YAML stream; documents that are not Kubernetes objects, and YAML errors, become findings.
export function parseManifestText(
  text: string,
  file: string,
): { documents: LintDocument[]; problems: LintFinding[] } {
  const lineCounter = new LineCounter();
  const documents: LintDocument[] = [];
  const problems: LintFinding[] = [];
  const problem = (offset: number, message: string) => {
    const { line, col } = lineCounter.linePos(offset);
    problems.push({ file, line, column: col, severity: 'error', rule: 'yaml', message });
  };
  parseAllDocuments(text, { lineCounter, keepSourceTokens: true }).forEach((doc, i) => {
    const [error] = doc.errors;
    if (error)
      return problem(error.pos[0], `invalid YAML in document ${i + 1}: ${error.message.split('\n')[0]}`);
    if (doc.contents === null) return;
    const object: unknown = doc.toJS({ maxAliasCount: 100 });
    if (object === null || object === undefined) return;
    if (!isObject(object))
      return problem(
        doc.contents.range[0],
        `document ${i + 1} is not a Kubernetes object (apiVersion, kind and metadata.name)`,
      );
    const source: YamlSource = { doc, lineCounter };
    documents.push({
      file,
      index: i + 1,
      object,
      locate: (path, target = 'key') => locateNearest(source, path, target),
    });
  });
  return { documents, problems };
}
