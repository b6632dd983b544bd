// istiod's gateway deployment controller and Gateway status (Istio:
// pilot/pkg/config/kube/gatewaycommon/deploymentcontroller.go and the waypoint template
// manifests/charts/istio-control/istio-discovery/files/waypoint.yaml): a Gateway of class
// istio-waypoint gets a ServiceAccount, Deployment and Service named after it; once its pod is
// ready the Gateway is Accepted and Programmed with the Service's cluster IP as its address.
import type { KubeObject } from '../../mesh/types.ts';
import { mutateObject } from '../admission.ts';
import { kindNamed, type SimCluster } from '../cluster.ts';
import { timestamp } from '../store.ts';

const CLASSES: Record<string, { suffix: string; serviceType: string; description: string }> = {
  'istio-waypoint': { suffix: '', serviceType: 'ClusterIP', description: 'The default Istio waypoint GatewayClass' },
  istio: { suffix: '-istio', serviceType: 'LoadBalancer', description: 'The default Istio GatewayClass' },
};

function condition(type: string, ok: boolean, reason: string, message: string, gw: KubeObject, previous: any[], at: string): Record<string, unknown> {
  const status = ok ? 'True' : 'False';
  const before = previous.find((c) => c.type === type && c.status === status);
  return { type, status, reason, message, observedGeneration: gw.metadata.generation ?? 1, lastTransitionTime: before?.lastTransitionTime ?? at };
}

function infrastructure(gw: KubeObject, className: string, cluster: SimCluster): KubeObject[] {
  const cls = CLASSES[className] ?? CLASSES.istio;
  const name = `${gw.metadata.name}${cls?.suffix ?? ''}`;
  const namespace = gw.metadata.namespace;
  const owner = [{ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', name: gw.metadata.name, uid: gw.metadata.uid }];
  const labels = { ...(gw.spec?.infrastructure?.labels ?? {}), 'gateway.networking.k8s.io/gateway-name': gw.metadata.name, 'gateway.networking.k8s.io/gateway-class-name': className };
  const waypoint = className === 'istio-waypoint';
  const listeners = (gw.spec?.listeners ?? []) as any[];
  const ports = [
    { name: 'status-port', port: 15021, protocol: 'TCP', appProtocol: 'tcp' },
    ...listeners.filter((l, i) => listeners.findIndex((x) => x.port === l.port) === i).map((l) => ({ name: l.name, port: l.port, protocol: 'TCP', appProtocol: String(l.protocol ?? 'tcp').toLowerCase() })),
  ];
  const managed = waypoint ? 'istio.io-mesh-controller' : 'istio.io-gateway-controller';
  const podLabels = { 'sidecar.istio.io/inject': 'false', ...(waypoint ? { 'istio.io/dataplane-mode': 'none' } : {}), 'service.istio.io/canonical-name': name, 'service.istio.io/canonical-revision': 'latest', ...labels, 'gateway.istio.io/managed': managed };
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace, labels, ownerReferences: owner } },
    {
      apiVersion: 'apps/v1', kind: 'Deployment',
      metadata: { name, namespace, labels: { ...labels, 'gateway.istio.io/managed': managed }, ownerReferences: owner },
      spec: {
        replicas: 1,
        selector: { matchLabels: { 'gateway.networking.k8s.io/gateway-name': gw.metadata.name } },
        template: {
          metadata: { labels: podLabels, annotations: { 'istio.io/rev': 'default', 'prometheus.io/path': '/stats/prometheus', 'prometheus.io/port': '15020', 'prometheus.io/scrape': 'true' } },
          spec: {
            serviceAccountName: name,
            containers: [{
              name: 'istio-proxy', image: `docker.io/istio/proxyv2:${cluster.settings.istioVersion}`,
              args: waypoint ? ['proxy', 'waypoint', '--domain', '$(POD_NAMESPACE).svc.cluster.local'] : ['proxy', 'router', '--domain', '$(POD_NAMESPACE).svc.cluster.local'],
              ports: [{ containerPort: 15020, name: 'metrics', protocol: 'TCP' }, { containerPort: 15021, name: 'status-port', protocol: 'TCP' }, { containerPort: 15090, name: 'http-envoy-prom', protocol: 'TCP' }],
            }],
          },
        },
      },
    },
    {
      apiVersion: 'v1', kind: 'Service',
      metadata: { name, namespace, labels, annotations: { 'networking.istio.io/traffic-distribution': 'PreferClose' }, ownerReferences: owner },
      spec: { ipFamilyPolicy: 'PreferDualStack', ports, selector: { 'gateway.networking.k8s.io/gateway-name': gw.metadata.name }, type: cls?.serviceType ?? 'ClusterIP' },
    },
  ];
}

function reconcileGateway(cluster: SimCluster, gw: KubeObject, at: string): void {
  const className = String(gw.spec?.gatewayClassName ?? '');
  if (!(className in CLASSES)) return;
  for (const obj of infrastructure(gw, className, cluster)) {
    const info = kindNamed(obj.apiVersion === 'apps/v1' ? 'apps' : '', obj.kind);
    const existing = cluster.get(info.group, obj.kind, obj.metadata.namespace, obj.metadata.name);
    if (!existing) {
      cluster.put(mutateObject({ obj, old: undefined, info, cluster }));
    } else if (((existing.metadata.ownerReferences ?? []) as any[]).some((r) => r.uid === gw.metadata.uid)) {
      if (obj.kind === 'Service') continue; // keep its allocated cluster IP and status
      // Defaulted like any write, so an unchanged Gateway leaves the Deployment (and its template hash) as it is.
      const desired = mutateObject({ obj, old: existing, info, cluster });
      const labels = { metadata: { ...existing.metadata, labels: desired.metadata.labels } };
      cluster.put(desired.spec === undefined ? { ...existing, ...labels } : { ...existing, ...labels, spec: { ...existing.spec, ...desired.spec } });
    }
  }
  const name = `${gw.metadata.name}${CLASSES[className]?.suffix ?? ''}`;
  const svc = cluster.get('', 'Service', gw.metadata.namespace, name);
  const deploy = cluster.get('apps', 'Deployment', gw.metadata.namespace, name);
  const ready = Number(deploy?.status?.readyReplicas ?? 0) > 0 && svc !== undefined;
  const previous = (gw.status?.conditions ?? []) as any[];
  const listeners = (gw.spec?.listeners ?? []) as any[];
  const hostPorts = listeners.map((l) => `${name}.${gw.metadata.namespace}.svc.${cluster.settings.clusterDomain}:${l.port}`).join(',');
  cluster.put({
    ...gw,
    status: {
      ...(ready ? { addresses: [{ type: 'IPAddress', value: svc.spec?.clusterIP }] } : {}),
      conditions: [
        condition('Accepted', true, 'Accepted', 'Resource accepted', gw, previous, at),
        condition('Programmed', ready, ready ? 'Programmed' : 'NoResources', ready ? `Resource programmed, assigned to service(s) ${hostPorts}` : 'Deployment is not ready', gw, previous, at),
      ],
      listeners: listeners.map((l) => ({
        name: l.name, attachedRoutes: 0, supportedKinds: [],
        conditions: [
          condition('Accepted', true, 'Accepted', 'No errors found', gw, [], at),
          condition('Programmed', true, 'Programmed', 'No errors found', gw, [], at),
          condition('ResolvedRefs', true, 'ResolvedRefs', 'No errors found', gw, [], at),
        ],
      })),
    },
  });
}

// Provision Istio's Gateways and report their status; accept the Istio GatewayClasses.
export function runGatewayController(cluster: SimCluster): void {
  const at = timestamp(cluster.now());
  for (const gc of cluster.list('gateway.networking.k8s.io', 'GatewayClass')) {
    if (!String(gc.spec?.controllerName ?? '').startsWith('istio.io/')) continue;
    const previous = (gc.status?.conditions ?? []) as any[];
    cluster.put({ ...gc, status: { conditions: [condition('Accepted', true, 'Accepted', 'Handled by Istio controller', gc, previous, at)] } });
  }
  for (const gw of cluster.list('gateway.networking.k8s.io', 'Gateway')) reconcileGateway(cluster, gw, at);
}
