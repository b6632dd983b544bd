// The kinds a lab may name in `KIND/NAME` references (label, wait, resource checks), with the names
// kubectl accepts for them: plural, singular, short names, and the Kind itself in any case.

export interface KindRef {
  apiVersion: string;
  kind: string;
  namespaced: boolean;
  names: string[];
}

const KINDS: KindRef[] = [
  { apiVersion: 'v1', kind: 'Namespace', namespaced: false, names: ['namespaces', 'namespace', 'ns'] },
  { apiVersion: 'v1', kind: 'Pod', namespaced: true, names: ['pods', 'pod', 'po'] },
  { apiVersion: 'v1', kind: 'Service', namespaced: true, names: ['services', 'service', 'svc'] },
  { apiVersion: 'v1', kind: 'ServiceAccount', namespaced: true, names: ['serviceaccounts', 'serviceaccount', 'sa'] },
  { apiVersion: 'v1', kind: 'ConfigMap', namespaced: true, names: ['configmaps', 'configmap', 'cm'] },
  { apiVersion: 'v1', kind: 'Secret', namespaced: true, names: ['secrets', 'secret'] },
  { apiVersion: 'apps/v1', kind: 'Deployment', namespaced: true, names: ['deployments', 'deployment', 'deploy'] },
  { apiVersion: 'apps/v1', kind: 'DaemonSet', namespaced: true, names: ['daemonsets', 'daemonset', 'ds'] },
  { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', namespaced: true, names: ['networkpolicies', 'networkpolicy', 'netpol'] },
  { apiVersion: 'security.istio.io/v1', kind: 'AuthorizationPolicy', namespaced: true, names: ['authorizationpolicies', 'authorizationpolicy', 'ap'] },
  { apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', namespaced: true, names: ['peerauthentications', 'peerauthentication', 'pa'] },
  { apiVersion: 'security.istio.io/v1', kind: 'RequestAuthentication', namespaced: true, names: ['requestauthentications', 'requestauthentication', 'ra'] },
  { apiVersion: 'networking.istio.io/v1', kind: 'ServiceEntry', namespaced: true, names: ['serviceentries', 'serviceentry', 'se'] },
  { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', namespaced: true, names: ['gateways', 'gateway', 'gtw'] },
  { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GatewayClass', namespaced: false, names: ['gatewayclasses', 'gatewayclass', 'gc'] },
  { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', namespaced: true, names: ['httproutes', 'httproute'] },
];

export class UnknownKindError extends Error {
  readonly kind = 'usage';
  constructor(name: string) {
    super(`unknown kind "${name}": the cluster serves no such resource (\`kubectl api-resources\` lists the ones it serves)`);
  }
}

// Find the KIND of a "KIND/NAME" reference (deployment, deploy, Deployment, ap, ...) in a table of kinds: the
// built-in one, or what the cluster serves. Also the fully qualified form kubectl prints, RESOURCE.GROUP
// (gateway.gateway.networking.k8s.io).
export function findKind(name: string, table: readonly KindRef[] = KINDS): KindRef | undefined {
  const lower = name.toLowerCase();
  const dot = lower.indexOf('.');
  const [wanted, group] = dot < 0 ? [lower, undefined] : [lower.slice(0, dot), lower.slice(dot + 1)];
  const groupOf = (k: KindRef) => (k.apiVersion.includes('/') ? k.apiVersion.split('/')[0] : '');
  return table.find(
    (k) => (k.kind.toLowerCase() === wanted || k.names.includes(wanted)) && (group === undefined || groupOf(k) === group),
  );
}


export interface ObjectRef {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
}

// "deployment/helloworld-v1" → its kind's name and the object's name.
export function splitResourceRef(ref: string): { kindName: string; name: string } {
  const [kindName = '', name = ''] = ref.split('/', 2);
  return { kindName, name };
}

// The object reference client-node reads, for a resolved kind.
export function objectRefOf(kind: KindRef, name: string, namespace: string | undefined): ObjectRef {
  return { apiVersion: kind.apiVersion, kind: kind.kind, name, ...(kind.namespaced ? { namespace: namespace ?? 'default' } : {}) };
}

