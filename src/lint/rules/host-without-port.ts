// `hosts` values are matched against the Host/:authority header, port included: curl
// http://helloworld.demo:5000/ sends "helloworld.demo:5000", which hosts: ["helloworld.demo"] does not match.
// Istio: pilot/pkg/security/authz/model/generator.go (hostGenerator) and the "Writing Host Match Policies"
// section of istio.io docs/ops/best-practices/security.
import type { LintDocument, LintRule, RuleFinding } from '../types.ts';
import { isIstioPolicy, listOf } from './policy-fields.ts';

function hasPort(host: string): boolean {
  return host.includes(':') || host.endsWith('*');
}

export const hostWithoutPortRule: LintRule = {
  id: 'host-without-port',
  check(doc: LintDocument): RuleFinding[] {
    if (!isIstioPolicy(doc.object, 'AuthorizationPolicy')) return [];
    return listOf(doc.object.spec?.rules).flatMap((rule, i) =>
      listOf(rule?.to).flatMap((to, j) =>
        ['hosts', 'notHosts'].flatMap((f) =>
          listOf(to?.operation?.[f]).flatMap((host, k) =>
            typeof host === 'string' && !hasPort(host)
              ? [
                  {
                    rule: 'host-without-port',
                    severity: 'warning' as const,
                    path: ['spec', 'rules', i, 'to', j, 'operation', f, k],
                    message: `host "${host}" only matches requests whose Host header carries no port; a request to ${host}:PORT does not match`,
                    fix: `list "${host}" and "${host}:*"`,
                  },
                ]
              : [],
          ),
        ),
      ),
    );
  },
};
