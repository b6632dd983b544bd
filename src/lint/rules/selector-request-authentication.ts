// A RequestAuthentication without targetRefs in an ambient namespace checks no token: ztunnel does no JWT, and
// waypoints take only targetRefs policies. Istio: pilot/pkg/model/policyattachment.go (waypoints attach targetRefs
// only) and tests/integration/ambient/testdata/requestauthn/waypoint-jwt.yaml.tmpl ("should be ignored because it's
// not a targetRef").
import type { LintContext, LintDocument, LintRule, RuleFinding } from '../types.ts';
import { isIstioPolicy, namespaceOf, targetRefsOf } from './policy-fields.ts';
import { isSidecarNamespace } from './ztunnel-l7.ts';

export const selectorRequestAuthenticationRule: LintRule = {
  id: 'request-authentication-without-waypoint',
  check(doc: LintDocument, ctx: LintContext): RuleFinding[] {
    const obj = doc.object;
    if (!isIstioPolicy(obj, 'RequestAuthentication') || ctx.profile !== 'ambient') return [];
    if (targetRefsOf(obj).length > 0 || isSidecarNamespace(namespaceOf(obj), ctx)) return [];
    return [
      {
        rule: 'request-authentication-without-waypoint',
        severity: 'warning',
        path: obj.spec?.selector ? ['spec', 'selector'] : ['spec'],
        message:
          'in ambient mode nothing validates tokens for this RequestAuthentication: ztunnel does no JWT, and a waypoint takes only targetRefs',
        fix: `targetRefs: [{ kind: Service, group: "", name: <service> }] with a waypoint serving it`,
      },
    ];
  },
};
