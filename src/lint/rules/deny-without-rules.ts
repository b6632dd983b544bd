// A DENY AuthorizationPolicy without `rules` is refused by Istio's webhook: it could never match.
// Istio: pkg/config/validation/validation.go (ValidateAuthorizationPolicy).
import type { LintDocument, LintRule, RuleFinding } from '../types.ts';
import { isIstioPolicy } from './policy-fields.ts';

export const denyWithoutRulesRule: LintRule = {
  id: 'deny-without-rules',
  check(doc: LintDocument): RuleFinding[] {
    const spec = doc.object.spec;
    if (!isIstioPolicy(doc.object, 'AuthorizationPolicy') || spec?.action !== 'DENY') return [];
    if (spec.rules !== undefined && spec.rules !== null) return [];
    return [
      {
        rule: 'deny-without-rules',
        severity: 'error',
        path: ['spec', 'action'],
        message: 'a DENY policy without rules never matches, and Istio refuses it',
        fix: 'rules: [{}] to deny every request in scope',
        apiMessage: 'DENY action without `rules` is meaningless as it will never be triggered',
      },
    ];
  },
};
