// What every active namespace gets from controllers: the "default" ServiceAccount, the
// kube-root-ca.crt ConfigMap, and istiod's istio-ca-root-cert ConfigMap.
import type { SimCluster } from '../cluster.ts';

// Ensure the per-namespace defaults exist.
export function runNamespaceDefaults(cluster: SimCluster): void {
  for (const ns of cluster.list('', 'Namespace')) {
    if (ns.status?.phase === 'Terminating') continue;
    const namespace = ns.metadata.name;
    if (!cluster.get('', 'ServiceAccount', namespace, 'default')) {
      cluster.put({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace } });
    }
    if (!cluster.get('', 'ConfigMap', namespace, 'kube-root-ca.crt')) {
      cluster.put({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-root-ca.crt', namespace, annotations: { 'kubernetes.io/description': 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.' } }, data: { 'ca.crt': cluster.caPem } });
    }
    if (!cluster.get('', 'ConfigMap', namespace, 'istio-ca-root-cert')) {
      cluster.put({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'istio-ca-root-cert', namespace, labels: { 'istio.io/config': 'true' } }, data: { 'root-cert.pem': cluster.caPem } });
    }
  }
}
