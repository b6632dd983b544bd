// Findings as lines a person reads: file:line:col: severity rule-id: message (what to write instead).
import type { LintFinding } from './types.ts';

// One finding on one line.
export function formatFinding(f: LintFinding): string {
  const fix = f.fix ? ` (write instead: ${f.fix})` : '';
  const expected = f.expectedBy ? ` [expected by the lab, ${f.expectedBy}]` : '';
  return `${f.file}:${f.line}:${f.column}: ${f.severity} ${f.rule}: ${f.message}${fix}${expected}`;
}

// The closing line: how many errors and warnings, and how many findings the labs expect.
export function summarizeFindings(findings: readonly LintFinding[]): string {
  const count = (s: string) => findings.filter((f) => f.severity === s).length;
  const [errors, warnings, infos] = [count('error'), count('warning'), count('info')];
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const expected = infos > 0 ? `, ${infos} expected by the labs` : '';
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}${expected}`;
}

// The findings as JSON, without internal fields.
export function findingsToJson(findings: readonly LintFinding[]): object[] {
  return findings.map(({ apiMessage: _a, ...rest }) => rest);
}
