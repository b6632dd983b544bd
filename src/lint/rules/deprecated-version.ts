// v1beta1 (and networking v1alpha3) where v1 is served: security.istio.io/v1 and networking.istio.io/v1 exist
// since Istio 1.22 with the same schema (manifests/charts/base/files/crd-all.gen.yaml).
import type { LintDocument, LintRule, RuleFinding } from '../types.ts';

const V1_KINDS: Record<string, string[]> = {
  'security.istio.io': ['AuthorizationPolicy', 'PeerAuthentication', 'RequestAuthentication'],
  'networking.istio.io': [
    'VirtualService',
    'DestinationRule',
    'Gateway',
    'ServiceEntry',
    'Sidecar',
    'WorkloadEntry',
    'WorkloadGroup',
  ],
};
const OLD_VERSIONS = new Set(['v1beta1', 'v1alpha3']);

export const deprecatedVersionRule: LintRule = {
  id: 'deprecated-version',
  check(doc: LintDocument): RuleFinding[] {
    const [group = '', version = ''] = doc.object.apiVersion.split('/');
    if (!OLD_VERSIONS.has(version) || !V1_KINDS[group]?.includes(doc.object.kind)) return [];
    return [
      {
        rule: 'deprecated-version',
        severity: 'warning',
        path: ['apiVersion'],
        message: `${doc.object.kind} ${group}/${version} is an older version of the API; ${group}/v1 is served with the same fields`,
        fix: `apiVersion: ${group}/v1`,
      },
    ];
  },
};
