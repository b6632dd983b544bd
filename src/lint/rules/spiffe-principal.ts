// Principals written with `spiffe://` never match. Istio: pilot/pkg/security/authz/model/generator.go (Envoy
// prepends spiffe:// itself) and ztunnel src/rbac.rs (strips it from the peer before matching).
import type { PathSegment } from '../../lab/index.ts';
import type { LintDocument, LintRule, RuleFinding } from '../types.ts';
import { isIstioPolicy, listOf } from './policy-fields.ts';

const PREFIX = 'spiffe://';

function check(values: unknown, path: PathSegment[]): RuleFinding[] {
  return listOf(values).flatMap((v, k) =>
    typeof v === 'string' && v.startsWith(PREFIX)
      ? [
          {
            rule: 'spiffe-principal',
            severity: 'warning' as const,
            path: [...path, k],
            message: `principal "${v}" never matches: Istio compares principals without the spiffe:// scheme`,
            fix: `"${v.slice(PREFIX.length)}"`,
          },
        ]
      : [],
  );
}

export const spiffePrincipalRule: LintRule = {
  id: 'spiffe-principal',
  check(doc: LintDocument): RuleFinding[] {
    if (!isIstioPolicy(doc.object, 'AuthorizationPolicy')) return [];
    return listOf(doc.object.spec?.rules).flatMap((rule, i) => [
      ...listOf(rule?.from).flatMap((from, j) =>
        ['principals', 'notPrincipals'].flatMap((f) =>
          check(from?.source?.[f], ['spec', 'rules', i, 'from', j, 'source', f]),
        ),
      ),
      ...listOf(rule?.when).flatMap((when, j) =>
        when?.key === 'source.principal'
          ? ['values', 'notValues'].flatMap((f) => check(when?.[f], ['spec', 'rules', i, 'when', j, f]))
          : [],
      ),
    ]);
  },
};
