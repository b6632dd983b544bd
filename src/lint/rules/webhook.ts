// What the API server and Istio's validating webhook refuse or warn about, as validateObject computes it.
import { validateObject, type KubeObject } from '../../mesh/index.ts';
import type { LintDocument, LintRule, RuleFinding } from '../types.ts';

// Refusals a dedicated rule already reports with a fix, so they are not listed twice.
const COVERED = [
  /DENY action without `rules`/,
  /portLevelMtls requires selector/,
  /cannot have port level mTLS/,
];

// The `when` condition an error about `key` X is about, if any.
function whenPathOf(doc: LintDocument, message: string): Array<string | number> | undefined {
  const key = /for `key` (\S+):/.exec(message)?.[1];
  const rules = (doc.object.spec?.rules ?? []) as any[];
  for (const [i, rule] of (Array.isArray(rules) ? rules : []).entries()) {
    const j = ((rule?.when ?? []) as any[]).findIndex((w) => w?.key === key);
    if (key && j >= 0) return ['spec', 'rules', i, 'when', j, 'key'];
  }
  return undefined;
}

// The path an API error names ("spec.rules[0].from[0].source: ..."), else the spec.
function pathOf(doc: LintDocument, message: string): Array<string | number> {
  const m = /^(spec(?:\.[A-Za-z]+|\[\d+\])*)(?::|\s)/.exec(message);
  if (!m) return whenPathOf(doc, message) ?? ['spec'];
  return m[1]!
    .split(/\.|\[|\]/)
    .filter(Boolean)
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

export const webhookRule: LintRule = {
  id: 'istio-rejects',
  check(doc: LintDocument): RuleFinding[] {
    const result = validateObject(doc.object as unknown as KubeObject);
    const errors = result.errors.filter((e) => !COVERED.some((c) => c.test(e)));
    return [
      ...errors.map((e): RuleFinding => ({
        rule: 'istio-rejects',
        severity: 'error',
        path: pathOf(doc, e),
        target: 'value',
        message: `${result.layer === 'webhook' ? "Istio's webhook" : 'the API server'} refuses this ${doc.object.kind}: ${e}`,
        apiMessage: e,
      })),
      ...result.warnings.map((w): RuleFinding => ({
        rule: 'istio-warns',
        severity: 'warning',
        path: ['spec'],
        target: 'key',
        message: `Istio accepts this ${doc.object.kind} with a warning: ${w}`,
        apiMessage: w,
      })),
    ];
  },
};
