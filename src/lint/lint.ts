// Lint manifests: every rule over every document, findings placed at file:line:col and sorted.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { showPath, type LoadedLab } from '../lab/index.ts';
import { parseManifestText } from './documents.ts';
import { readLabFacts } from './lab-context.ts';
import { LINT_RULES } from './rules/index.ts';
import type { LintContext, LintDocument, LintFinding, RuleFinding } from './types.ts';

type Expectations = Map<string, Array<{ text: string; where: string }>>;

function place(doc: LintDocument, f: RuleFinding): LintFinding {
  const { line, column } = doc.locate(f.path, f.target ?? 'key');
  return {
    file: doc.file,
    line,
    column,
    severity: f.severity,
    rule: f.rule,
    message: f.message,
    ...(f.fix ? { fix: f.fix } : {}),
    ...(f.apiMessage ? { apiMessage: f.apiMessage } : {}),
  };
}

// Mark the refusals and warnings the lab itself expects (apply ... expect: rejected/warning) as info. The API
// refuses an object as a whole, so once one refusal of a document is expected, all its refusals are.
function markExpected(
  findings: LintFinding[],
  expected: Array<{ text: string; where: string }> | undefined,
): LintFinding[] {
  if (!expected) return findings;
  const hitOf = (f: LintFinding) =>
    expected.find((e) => f.apiMessage?.includes(e.text) || f.message.includes(e.text));
  const refusal = findings.map((f) => (f.severity === 'error' ? hitOf(f) : undefined)).find(Boolean);
  return findings.map((f) => {
    const hit =
      f.severity === 'error'
        ? (refusal ?? hitOf(f))
        : f.severity === 'warning' && f.apiMessage
          ? hitOf(f)
          : undefined;
    return hit ? { ...f, severity: 'info', expectedBy: hit.where } : f;
  });
}

// Sort findings by file, line and column; the same finding at the same place is kept once.
export function sortFindings(findings: LintFinding[]): LintFinding[] {
  const seen = new Set<string>();
  const unique = findings.filter((f) => {
    const key = `${f.file}:${f.line}:${f.column}:${f.rule}:${f.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
  return unique.sort(
    (a, b) =>
      a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule),
  );
}

// Run every rule over documents linted together; `expectedByFile` is keyed by LintDocument.file.
export function lintDocuments(ctx: LintContext, expectedByFile: Expectations = new Map()): LintFinding[] {
  const findings = ctx.documents.flatMap((doc) =>
    markExpected(
      LINT_RULES.flatMap((rule) => rule.check(doc, ctx)).map((f) => place(doc, f)),
      expectedByFile.get(doc.file),
    ),
  );
  return sortFindings(findings);
}

// Lint a lab's manifests together, with what its actions add (waypoints, labels, expected refusals).
export async function lintLab(lab: LoadedLab, cwd: string): Promise<LintFinding[]> {
  const facts = readLabFacts(lab);
  const documents: LintDocument[] = [];
  const problems: LintFinding[] = [];
  const expectations: Expectations = new Map();
  for (const file of lab.manifests.keys()) {
    const shown = showPath(resolve(lab.dir, file), cwd);
    const parsed = parseManifestText(await readFile(resolve(lab.dir, file), 'utf8'), shown);
    documents.push(...parsed.documents);
    problems.push(...parsed.problems);
    const expected = facts.expectations.get(file);
    if (expected) expectations.set(shown, expected);
  }
  const ctx: LintContext = { documents, profile: lab.lab.mesh?.profile ?? 'ambient', ...facts };
  const labFile = showPath(lab.file, cwd);
  const labFindings = facts.labFindings.map((f): LintFinding => {
    const at = lab.locate(f.path) ?? { line: 1, column: 1 };
    return {
      file: labFile,
      line: at.line,
      column: at.column,
      severity: f.severity,
      rule: f.rule,
      message: f.message,
      ...(f.fix ? { fix: f.fix } : {}),
    };
  });
  return sortFindings([...problems, ...labFindings, ...lintDocuments(ctx, expectations)]);
}

// Lint plain manifest files together (no lab: the ambient profile, no waypoint actions).
export async function lintFiles(paths: string[], cwd: string): Promise<LintFinding[]> {
  const documents: LintDocument[] = [];
  const problems: LintFinding[] = [];
  for (const path of paths) {
    const parsed = parseManifestText(await readFile(path, 'utf8'), showPath(path, cwd));
    documents.push(...parsed.documents);
    problems.push(...parsed.problems);
  }
  const ctx: LintContext = {
    documents,
    profile: 'ambient',
    waypointNamespaces: new Set(),
    waypointGateways: new Set(),
    useWaypointLabels: new Set(),
  };
  return sortFindings([...problems, ...lintDocuments(ctx)]);
}
