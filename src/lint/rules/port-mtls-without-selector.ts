// portLevelMtls on a PeerAuthentication without a selector is refused (CRD rule "portLevelMtls requires
// selector"; webhook "mesh/namespace peer authentication cannot have port level mTLS").
// Istio: manifests/charts/base/files/crd-all.gen.yaml and pkg/config/validation/validation.go.
import type { LintDocument, LintRule, RuleFinding } from '../types.ts';
import { isIstioPolicy } from './policy-fields.ts';

export const portMtlsWithoutSelectorRule: LintRule = {
  id: 'port-mtls-without-selector',
  check(doc: LintDocument): RuleFinding[] {
    const spec = doc.object.spec;
    if (!isIstioPolicy(doc.object, 'PeerAuthentication') || !spec?.portLevelMtls) return [];
    const labels = spec.selector?.matchLabels;
    if (labels && Object.keys(labels).length > 0) return [];
    return [
      {
        rule: 'port-mtls-without-selector',
        severity: 'error',
        path: ['spec', 'portLevelMtls'],
        target: 'key',
        message:
          'port-level mTLS needs a workload selector; Istio refuses it on a mesh or namespace PeerAuthentication',
        fix: 'selector: { matchLabels: { app: <workload> } }, with the ports of that workload',
        apiMessage:
          'portLevelMtls requires selector; mesh/namespace peer authentication cannot have port level mTLS',
      },
    ];
  },
};
