// Sidecar injection: whether the istio-sidecar-injector webhook mutates a pod, and the pod it produces.
// Istio: manifests/charts/istio-control/istio-discovery/templates/mutatingwebhook.yaml (which namespaces and pods
// reach the webhook), pkg/kube/inject/inject.go (injectRequired: hostNetwork, ignored namespaces, the
// sidecar.istio.io/inject label over the annotation) and files/injection-template.yaml (the mutation).
import { annotationsOf, labelsOf } from './objects.ts';
import { DEFAULT_MESH_SETTINGS, type KubeObject, type MeshSettings } from './types.ts';
import { hasSidecar } from './workload.ts';

const IGNORED_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease', 'local-path-storage']);

function webhookSelects(podLabels: Record<string, string>, nsLabels: Record<string, string>): boolean {
  const podInject = podLabels['sidecar.istio.io/inject'];
  const nsInjection = nsLabels['istio-injection'];
  const nsRev = nsLabels['istio.io/rev'];
  if (nsInjection !== undefined) return nsInjection === 'enabled' && podInject !== 'false';
  if (nsRev !== undefined) return nsRev === 'default' && podInject !== 'false';
  const podRev = podLabels['istio.io/rev'];
  if (podRev !== undefined) return podRev === 'default' && podInject !== 'false';
  return podInject === 'true';
}

// Whether the injector would add a sidecar to this pod (namespace labels, pod label or annotation).
export function shouldInjectSidecar(
  pod: KubeObject,
  namespace: KubeObject | undefined,
  _settings?: Partial<MeshSettings>,
): boolean {
  if (hasSidecar(pod)) return false;
  const podLabels = labelsOf(pod);
  if (!webhookSelects(podLabels, labelsOf(namespace))) return false;
  if (pod.spec?.hostNetwork === true) return false;
  if (IGNORED_NAMESPACES.has(pod.metadata.namespace ?? namespace?.metadata.name ?? '')) return false;
  const choice = podLabels['sidecar.istio.io/inject'] ?? annotationsOf(pod)['sidecar.istio.io/inject'];
  return choice !== 'false';
}

function proxyImage(settings: MeshSettings): string {
  return `docker.io/istio/proxyv2:${settings.istioVersion}`;
}

// The pod as the injector mutates it (a new object; the input is not changed).
export function injectSidecar(pod: KubeObject, settings?: Partial<MeshSettings>): KubeObject {
  const s = { ...DEFAULT_MESH_SETTINGS, ...settings };
  if (hasSidecar(pod)) return pod;
  const labels = { ...labelsOf(pod) };
  const containers = ((pod.spec?.containers ?? []) as any[]).filter((c) => c.name !== 'istio-proxy');
  labels['security.istio.io/tlsMode'] ??= 'istio';
  if (s.profile === 'ambient') labels['networking.istio.io/tunnel'] ??= 'http';
  labels['service.istio.io/canonical-name'] ??=
    labels['app.kubernetes.io/name'] ??
    labels.app ??
    pod.metadata.generateName?.toString().replace(/-[a-z0-9]+-$/, '') ??
    pod.metadata.name;
  labels['service.istio.io/canonical-revision'] ??=
    labels['app.kubernetes.io/version'] ?? labels.version ?? 'latest';
  const status = {
    initContainers: ['istio-init'],
    containers: ['istio-proxy'],
    volumes: [
      'workload-socket',
      'credential-socket',
      'workload-certs',
      'istio-envoy',
      'istio-data',
      'istio-podinfo',
      'istio-token',
      'istiod-ca-cert',
    ],
    imagePullSecrets: null,
    revision: 'default',
  };
  const annotations = {
    ...annotationsOf(pod),
    'sidecar.istio.io/status': JSON.stringify(status),
    'kubectl.kubernetes.io/default-container': containers[0]?.name ?? 'istio-proxy',
    'kubectl.kubernetes.io/default-logs-container': containers[0]?.name ?? 'istio-proxy',
    'istio.io/rev': 'default',
    'prometheus.io/path': '/stats/prometheus',
    'prometheus.io/port': '15020',
    'prometheus.io/scrape': 'true',
  };
  const proxy = {
    name: 'istio-proxy',
    image: proxyImage(s),
    args: [
      'proxy',
      'sidecar',
      '--domain',
      '$(POD_NAMESPACE).svc.cluster.local',
      '--proxyLogLevel=warning',
      '--proxyComponentLogLevel=misc:error',
      '--log_output_level=default:info',
    ],
    ports: [{ containerPort: 15090, name: 'http-envoy-prom', protocol: 'TCP' }],
    env: [{ name: 'ISTIO_META_ENABLE_HBONE', value: s.profile === 'ambient' ? 'true' : 'false' }],
    readinessProbe: { httpGet: { path: '/healthz/ready', port: 15021 }, periodSeconds: 15 },
    securityContext: { runAsUser: 1337, runAsGroup: 1337, runAsNonRoot: true },
  };
  const init = {
    name: 'istio-init',
    image: proxyImage(s),
    args: [
      'istio-iptables',
      '-p',
      '15001',
      '-z',
      '15006',
      '-u',
      '1337',
      '-m',
      'REDIRECT',
      '-i',
      '*',
      '-x',
      '',
      '-b',
      '*',
      '-d',
      '15090,15021,15020',
      '--log_output_level=default:info',
    ],
  };
  return {
    ...pod,
    metadata: { ...pod.metadata, labels, annotations },
    spec: {
      ...pod.spec,
      initContainers: [...((pod.spec?.initContainers ?? []) as unknown[]), init],
      containers: [...containers, proxy],
    },
  };
}
