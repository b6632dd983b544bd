// The CustomResourceDefinition objects a real cluster with Istio and the Gateway API has, derived
// from the kinds table (read-only: `kubectl get crd gateways.gateway.networking.k8s.io` works).
import type { KubeObject } from '../mesh/types.ts';
import { KINDS, type KindInfo } from './kinds.ts';

function crdOf(info: KindInfo, istioVersion: string): KubeObject {
  const gatewayApi = info.group === 'gateway.networking.k8s.io';
  const labels: Record<string, string> = gatewayApi
    ? {}
    : { app: 'istio-pilot', chart: 'istio', heritage: 'Tiller', release: 'istio', 'app.kubernetes.io/part-of': 'istio', 'app.kubernetes.io/version': istioVersion };
  const annotations: Record<string, string> = gatewayApi
    ? { 'gateway.networking.k8s.io/bundle-version': 'v1.4.0', 'gateway.networking.k8s.io/channel': 'standard' }
    : { 'helm.sh/resource-policy': 'keep' };
  const names = {
    kind: info.kind, listKind: `${info.kind}List`, plural: info.plural, singular: info.singular,
    ...(info.shortNames.length > 0 ? { shortNames: info.shortNames } : {}),
    ...(info.categories.length > 0 ? { categories: info.categories } : {}),
  };
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${info.plural}.${info.group}`, labels, annotations },
    spec: {
      group: info.group,
      names,
      scope: info.namespaced ? 'Namespaced' : 'Cluster',
      versions: info.versions.map((name, i) => ({
        name, served: true, storage: i === 0,
        additionalPrinterColumns: (info.printerColumns ?? []).filter((c) => c.name !== 'Age' || info.printerColumns?.length !== 1),
        schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
        subresources: Object.fromEntries((info.subresources ?? []).map((s) => [s, {}])),
      })),
    },
    status: {
      acceptedNames: names,
      conditions: [
        { type: 'NamesAccepted', status: 'True', reason: 'NoConflicts', message: 'no conflicts found' },
        { type: 'Established', status: 'True', reason: 'InitialNamesAccepted', message: 'the initial names have been accepted' },
      ],
      storedVersions: [info.versions[0]],
    },
  };
}

// Every CRD the embedded cluster serves.
export function customResourceDefinitions(istioVersion: string): KubeObject[] {
  return KINDS.filter((k) => k.crd).map((k) => crdOf(k, istioVersion));
}
