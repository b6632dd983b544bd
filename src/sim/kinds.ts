// The one table of every kind the embedded cluster serves. Discovery, OpenAPI, routing, Table
// output and the CustomResourceDefinition objects are all derived from it.

export interface PrinterColumn {
  name: string;
  type: 'string' | 'integer' | 'date' | 'boolean' | 'number';
  jsonPath: string;
  priority?: number;
  description?: string;
}

// One kind as the API server knows it.
export interface KindInfo {
  group: string; // '' is the core group
  versions: string[]; // served versions, storage version first
  kind: string;
  plural: string;
  singular: string;
  shortNames: string[];
  namespaced: boolean;
  categories: string[];
  crd: boolean; // installed as a CustomResourceDefinition on a real cluster
  readOnly?: boolean; // only get, list and watch
  review?: boolean; // only create, answered from the request and never stored (the *Review kinds)
  subresources?: string[];
  printerColumns?: PrinterColumn[]; // additionalPrinterColumns of the CRD (Age is added for every CRD)
}

const age: PrinterColumn = { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' };
const istioVersions = ['v1', 'v1beta1', 'v1alpha3'];
const securityVersions = ['v1', 'v1beta1'];
const istioNet = ['istio-io', 'networking-istio-io'];
const istioSec = ['istio-io', 'security-istio-io'];

function core(kind: string, plural: string, shortNames: string[], namespaced = true, extra: Partial<KindInfo> = {}): KindInfo {
  return { group: '', versions: ['v1'], kind, plural, singular: kind.toLowerCase(), shortNames, namespaced, categories: [], crd: false, ...extra };
}

function review(group: string, kind: string, plural: string): KindInfo {
  return { group, versions: ['v1'], kind, plural, singular: kind.toLowerCase(), shortNames: [], namespaced: false, categories: [], crd: false, review: true };
}

function custom(group: string, kind: string, plural: string, extra: Partial<KindInfo>): KindInfo {
  return {
    group, versions: ['v1'], kind, plural, singular: kind.toLowerCase(), shortNames: [], namespaced: true,
    categories: [], crd: true, subresources: ['status'], printerColumns: [age], ...extra,
  };
}

// Istio: manifests/charts/base/files/crd-all.gen.yaml — names, short names, categories, versions and printer columns.
// Gateway API: config/crd/standard/*.yaml of kubernetes-sigs/gateway-api.
export const KINDS: readonly KindInfo[] = [
  core('Namespace', 'namespaces', ['ns'], false, { subresources: ['status', 'finalize'] }),
  core('Node', 'nodes', ['no'], false, { readOnly: true, subresources: ['status'] }),
  core('Pod', 'pods', ['po'], true, { categories: ['all'], subresources: ['status', 'exec', 'log', 'attach', 'portforward'] }),
  core('Service', 'services', ['svc'], true, { categories: ['all'], subresources: ['status'] }),
  core('Endpoints', 'endpoints', ['ep'], true, { singular: 'endpoints' }),
  core('ServiceAccount', 'serviceaccounts', ['sa']),
  core('ConfigMap', 'configmaps', ['cm']),
  core('Secret', 'secrets', []),
  core('Event', 'events', ['ev']),
  core('ResourceQuota', 'resourcequotas', ['quota'], true, { subresources: ['status'] }),
  core('LimitRange', 'limitranges', ['limits']),
  { group: 'apps', versions: ['v1'], kind: 'Deployment', plural: 'deployments', singular: 'deployment', shortNames: ['deploy'], namespaced: true, categories: ['all'], crd: false, subresources: ['status', 'scale'] },
  { group: 'apps', versions: ['v1'], kind: 'ReplicaSet', plural: 'replicasets', singular: 'replicaset', shortNames: ['rs'], namespaced: true, categories: ['all'], crd: false, subresources: ['status', 'scale'] },
  { group: 'apps', versions: ['v1'], kind: 'DaemonSet', plural: 'daemonsets', singular: 'daemonset', shortNames: ['ds'], namespaced: true, categories: ['all'], crd: false, subresources: ['status'] },
  review('authentication.k8s.io', 'SelfSubjectReview', 'selfsubjectreviews'),
  review('authorization.k8s.io', 'SelfSubjectAccessReview', 'selfsubjectaccessreviews'),
  review('authorization.k8s.io', 'SelfSubjectRulesReview', 'selfsubjectrulesreviews'),
  { group: 'discovery.k8s.io', versions: ['v1'], kind: 'EndpointSlice', plural: 'endpointslices', singular: 'endpointslice', shortNames: [], namespaced: true, categories: [], crd: false, readOnly: true },
  { group: 'networking.k8s.io', versions: ['v1'], kind: 'NetworkPolicy', plural: 'networkpolicies', singular: 'networkpolicy', shortNames: ['netpol'], namespaced: true, categories: [], crd: false },
  { group: 'apiextensions.k8s.io', versions: ['v1'], kind: 'CustomResourceDefinition', plural: 'customresourcedefinitions', singular: 'customresourcedefinition', shortNames: ['crd', 'crds'], namespaced: false, categories: ['api-extensions'], crd: false },
  custom('security.istio.io', 'AuthorizationPolicy', 'authorizationpolicies', { versions: securityVersions, shortNames: ['ap'], categories: istioSec, printerColumns: [{ name: 'Action', type: 'string', jsonPath: '.spec.action', description: 'The operation to take.' }, age] }),
  custom('security.istio.io', 'PeerAuthentication', 'peerauthentications', { versions: securityVersions, shortNames: ['pa'], categories: istioSec, printerColumns: [{ name: 'Mode', type: 'string', jsonPath: '.spec.mtls.mode', description: 'Defines the mTLS mode used for peer authentication.' }, age] }),
  custom('security.istio.io', 'RequestAuthentication', 'requestauthentications', { versions: securityVersions, shortNames: ['ra'], categories: istioSec }),
  custom('networking.istio.io', 'DestinationRule', 'destinationrules', { versions: istioVersions, shortNames: ['dr'], categories: istioNet, printerColumns: [{ name: 'Host', type: 'string', jsonPath: '.spec.host' }, age] }),
  custom('networking.istio.io', 'EnvoyFilter', 'envoyfilters', { versions: ['v1alpha3'], categories: istioNet }),
  custom('networking.istio.io', 'Gateway', 'gateways', { versions: istioVersions, shortNames: ['gw'], categories: istioNet }),
  custom('networking.istio.io', 'ProxyConfig', 'proxyconfigs', { versions: ['v1beta1'], categories: istioNet }),
  custom('networking.istio.io', 'ServiceEntry', 'serviceentries', { versions: istioVersions, shortNames: ['se'], categories: istioNet, printerColumns: [{ name: 'Hosts', type: 'string', jsonPath: '.spec.hosts' }, { name: 'Location', type: 'string', jsonPath: '.spec.location' }, { name: 'Resolution', type: 'string', jsonPath: '.spec.resolution' }, age] }),
  custom('networking.istio.io', 'Sidecar', 'sidecars', { versions: istioVersions, categories: istioNet }),
  custom('networking.istio.io', 'VirtualService', 'virtualservices', { versions: istioVersions, shortNames: ['vs'], categories: istioNet, printerColumns: [{ name: 'Gateways', type: 'string', jsonPath: '.spec.gateways' }, { name: 'Hosts', type: 'string', jsonPath: '.spec.hosts' }, age] }),
  custom('networking.istio.io', 'WorkloadEntry', 'workloadentries', { versions: istioVersions, shortNames: ['we'], categories: istioNet, printerColumns: [age, { name: 'Address', type: 'string', jsonPath: '.spec.address' }] }),
  custom('networking.istio.io', 'WorkloadGroup', 'workloadgroups', { versions: istioVersions, shortNames: ['wg'], categories: istioNet }),
  custom('telemetry.istio.io', 'Telemetry', 'telemetries', { versions: ['v1', 'v1alpha1'], shortNames: ['telemetry'], categories: ['istio-io', 'telemetry-istio-io'] }),
  custom('extensions.istio.io', 'WasmPlugin', 'wasmplugins', { versions: ['v1alpha1'], categories: ['istio-io', 'extensions-istio-io'] }),
  custom('gateway.networking.k8s.io', 'GatewayClass', 'gatewayclasses', { versions: ['v1', 'v1beta1'], namespaced: false, shortNames: ['gc'], categories: ['gateway-api'], printerColumns: [{ name: 'Controller', type: 'string', jsonPath: '.spec.controllerName' }, { name: 'Accepted', type: 'string', jsonPath: '.status.conditions[?(@.type=="Accepted")].status' }, age, { name: 'Description', type: 'string', jsonPath: '.spec.description', priority: 1 }] }),
  custom('gateway.networking.k8s.io', 'Gateway', 'gateways', { versions: ['v1', 'v1beta1'], shortNames: ['gtw'], categories: ['gateway-api'], printerColumns: [{ name: 'Class', type: 'string', jsonPath: '.spec.gatewayClassName' }, { name: 'Address', type: 'string', jsonPath: '.status.addresses[*].value' }, { name: 'Programmed', type: 'string', jsonPath: '.status.conditions[?(@.type=="Programmed")].status' }, age] }),
  custom('gateway.networking.k8s.io', 'HTTPRoute', 'httproutes', { versions: ['v1', 'v1beta1'], categories: ['gateway-api'], printerColumns: [{ name: 'Hostnames', type: 'string', jsonPath: '.spec.hostnames' }, age] }),
  custom('gateway.networking.k8s.io', 'GRPCRoute', 'grpcroutes', { versions: ['v1'], categories: ['gateway-api'], printerColumns: [{ name: 'Hostnames', type: 'string', jsonPath: '.spec.hostnames' }, age] }),
  custom('gateway.networking.k8s.io', 'ReferenceGrant', 'referencegrants', { versions: ['v1beta1'], shortNames: ['refgrant'], categories: ['gateway-api'], subresources: [] }),
];

// The groupVersion string of a kind's version: "v1" for core, "apps/v1" otherwise.
export function groupVersion(group: string, version: string): string {
  return group === '' ? version : `${group}/${version}`;
}

// Split an apiVersion into its group and version.
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.lastIndexOf('/');
  return i < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

// The kind served at group/version/plural, if any.
export function findKindByResource(group: string, version: string, plural: string): KindInfo | undefined {
  return KINDS.find((k) => k.group === group && k.plural === plural && k.versions.includes(version));
}

// The kind of an object's apiVersion and kind, if served.
export function findKindOf(apiVersion: string, kind: string): KindInfo | undefined {
  const { group, version } = splitApiVersion(apiVersion);
  return KINDS.find((k) => k.group === group && k.kind === kind && k.versions.includes(version));
}

// The groups served, in discovery order (core excluded), each with its versions in preference order:
// built-in groups first, then CRD groups by name, as kube-aggregator orders equal priorities
// (staging/src/k8s.io/kube-aggregator/pkg/apis/apiregistration/v1/helper: SortedByGroupAndVersion).
export function servedGroups(): Array<{ group: string; versions: string[] }> {
  const groups = new Map<string, Set<string>>();
  for (const k of KINDS) {
    if (k.group === '') continue;
    const set = groups.get(k.group) ?? new Set<string>();
    for (const v of k.versions) set.add(v);
    groups.set(k.group, set);
  }
  const isCrd = (group: string): boolean => KINDS.some((k) => k.group === group && k.crd);
  const ordered = [...groups.keys()].sort((a, b) => Number(isCrd(a)) - Number(isCrd(b)) || (isCrd(a) ? (a < b ? -1 : 1) : 0));
  return ordered.map((group) => ({ group, versions: [...(groups.get(group) ?? [])].sort(compareVersions) }));
}

// Kubernetes version priority: GA > beta > alpha, higher numbers first
// (apimachinery/pkg/version/helpers.go CompareKubeAwareVersionStrings).
export function compareVersions(a: string, b: string): number {
  const rank = (v: string): [number, number, number] => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!m) return [0, 0, 0];
    const level = m[2] === undefined ? 3 : m[2] === 'beta' ? 2 : 1;
    return [level, Number(m[1]), Number(m[3] ?? 0)];
  };
  const [la, ma, na] = rank(a);
  const [lb, mb, nb] = rank(b);
  return lb - la || mb - ma || nb - na;
}
