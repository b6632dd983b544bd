// The cluster as `labs` starts it: a kind-like node and system namespaces, and Istio installed
// with the profile asked (istiod; ambient adds ztunnel and istio-cni), its GatewayClasses and CRDs.
import type { KubeObject } from '../mesh/types.ts';
import { mutateObject } from './admission.ts';
import { kindNamed, type SimCluster } from './cluster.ts';
import { customResourceDefinitions } from './crds.ts';
import { splitApiVersion } from './kinds.ts';

const ns = (name: string, labels: Record<string, string> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });

function workload(kind: 'Deployment' | 'DaemonSet', options: { name: string; namespace: string; labels: Record<string, string>; image: string; sa: string; ports?: number[]; replicas?: number }): KubeObject {
  const { name, namespace, labels, image, sa, ports = [], replicas } = options;
  return {
    apiVersion: 'apps/v1', kind,
    metadata: { name, namespace, labels },
    spec: {
      ...(kind === 'Deployment' ? { replicas: replicas ?? 1 } : {}),
      selector: { matchLabels: { app: labels.app ?? name } },
      template: {
        metadata: { labels: { ...labels, 'sidecar.istio.io/inject': 'false' } },
        spec: { serviceAccountName: sa, containers: [{ name: kind === 'DaemonSet' && name === 'istio-cni-node' ? 'install-cni' : name === 'istiod' ? 'discovery' : name, image, ports: ports.map((p) => ({ containerPort: p, protocol: 'TCP' })) }] },
      },
    },
  };
}

const service = (name: string, namespace: string, selector: Record<string, string>, ports: Array<[string, number]>, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1', kind: 'Service', metadata: { name, namespace, labels: { ...selector } },
  spec: { selector, ports: ports.map(([n, port]) => ({ name: n, port, protocol: n === 'dns' ? 'UDP' : 'TCP', targetPort: port })), ...extra },
});

const sa = (name: string, namespace: string): KubeObject => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace } });

function istioObjects(version: string, profile: 'ambient' | 'default'): KubeObject[] {
  const hub = 'docker.io/istio';
  const rev = { 'istio.io/rev': 'default', 'app.kubernetes.io/version': version };
  const objects: KubeObject[] = [
    sa('istiod', 'istio-system'),
    workload('Deployment', { name: 'istiod', namespace: 'istio-system', labels: { app: 'istiod', istio: 'pilot', ...rev }, image: `${hub}/pilot:${version}`, sa: 'istiod', ports: [8080, 15010, 15012, 15017] }),
    service('istiod', 'istio-system', { app: 'istiod', istio: 'pilot' }, [['grpc-xds', 15010], ['https-dns', 15012], ['https-webhook', 443], ['http-monitoring', 15014]]),
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'istio', namespace: 'istio-system', labels: { app: 'istiod', ...rev } }, data: { mesh: 'defaultConfig:\n  discoveryAddress: istiod.istio-system.svc:15012\nrootNamespace: istio-system\ntrustDomain: cluster.local\n', meshNetworks: 'networks: {}' } },
    { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GatewayClass', metadata: { name: 'istio' }, spec: { controllerName: 'istio.io/gateway-controller', description: 'The default Istio GatewayClass' } },
    { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GatewayClass', metadata: { name: 'istio-remote' }, spec: { controllerName: 'istio.io/unmanaged-gateway', description: 'Remote to this cluster. Does not deploy or affect configuration.' } },
    { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GatewayClass', metadata: { name: 'istio-waypoint' }, spec: { controllerName: 'istio.io/mesh-controller', description: 'The default Istio waypoint GatewayClass' } },
  ];
  if (profile === 'ambient') {
    objects.push(
      sa('ztunnel', 'istio-system'), sa('istio-cni', 'istio-system'),
      workload('DaemonSet', { name: 'ztunnel', namespace: 'istio-system', labels: { app: 'ztunnel', ...rev }, image: `${hub}/ztunnel:${version}-distroless`, sa: 'ztunnel', ports: [15020] }),
      workload('DaemonSet', { name: 'istio-cni-node', namespace: 'istio-system', labels: { app: 'istio-cni-node', 'k8s-app': 'istio-cni-node', ...rev }, image: `${hub}/install-cni:${version}-distroless`, sa: 'istio-cni' }),
    );
  } else {
    objects.push(
      sa('istio-ingressgateway-service-account', 'istio-system'),
      workload('Deployment', { name: 'istio-ingressgateway', namespace: 'istio-system', labels: { app: 'istio-ingressgateway', istio: 'ingressgateway', ...rev }, image: `${hub}/proxyv2:${version}`, sa: 'istio-ingressgateway-service-account', ports: [15021, 8080, 8443] }),
      service('istio-ingressgateway', 'istio-system', { app: 'istio-ingressgateway', istio: 'ingressgateway' }, [['status-port', 15021], ['http2', 80], ['https', 443]], { type: 'LoadBalancer' }),
    );
  }
  return objects;
}

function nodeObject(cluster: SimCluster): KubeObject {
  return {
    apiVersion: 'v1', kind: 'Node',
    metadata: { name: cluster.nodeName, labels: { 'kubernetes.io/hostname': cluster.nodeName, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', 'node-role.kubernetes.io/control-plane': '' } },
    spec: { podCIDR: '10.244.0.0/24', podCIDRs: ['10.244.0.0/24'] },
    status: {
      addresses: [{ type: 'InternalIP', address: '172.18.0.2' }, { type: 'Hostname', address: cluster.nodeName }],
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }],
      nodeInfo: { kubeletVersion: 'v1.32.0', kubeProxyVersion: 'v1.32.0', osImage: 'labs embedded cluster', kernelVersion: 'n/a', containerRuntimeVersion: 'embedded://1', operatingSystem: 'linux', architecture: 'amd64' },
    },
  };
}

// Create the starting objects and let the controllers settle them.
export function bootstrapCluster(cluster: SimCluster): void {
  const { istioVersion, profile } = cluster.settings;
  const objects: KubeObject[] = [
    nodeObject(cluster),
    ns('default'), ns('kube-system'), ns('kube-public'), ns('kube-node-lease'), ns('istio-system'),
    service('kubernetes', 'default', {}, [['https', 443]]),
    service('kube-dns', 'kube-system', { 'k8s-app': 'kube-dns' }, [['dns', 53], ['dns-tcp', 53], ['metrics', 9153]]),
    sa('coredns', 'kube-system'),
    workload('Deployment', { name: 'coredns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns', app: 'coredns' }, image: 'registry.k8s.io/coredns/coredns:v1.11.3', sa: 'coredns', ports: [53], replicas: 2 }),
    ...customResourceDefinitions(istioVersion),
    ...istioObjects(istioVersion, profile),
  ];
  for (const obj of objects) {
    const { group } = splitApiVersion(obj.apiVersion);
    const info = kindNamed(group, obj.kind);
    if (obj.kind === 'Service' && obj.metadata.name === 'kubernetes') delete obj.spec.selector;
    cluster.put(mutateObject({ obj: { ...obj, apiVersion: `${group ? `${group}/` : ''}${info.versions[0]}` }, old: undefined, info, cluster }));
  }
  cluster.reconcile();
}
