// API discovery: /api, /apis, the per-group-version APIResourceLists, the aggregated
// apidiscovery.k8s.io/v2 documents and /version, all derived from the kinds table.
import { KINDS, compareVersions, groupVersion, servedGroups, type KindInfo } from './kinds.ts';

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const READ_VERBS = ['get', 'list', 'watch'];

export const AGGREGATED_CONTENT_TYPE = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

const verbsOf = (info: KindInfo): string[] => (info.review ? ['create'] : info.readOnly ? READ_VERBS : ALL_VERBS);

function subresourceVerbs(sub: string): { kind: string; verbs: string[] } {
  switch (sub) {
    case 'exec': return { kind: 'PodExecOptions', verbs: ['create', 'get'] };
    case 'attach': return { kind: 'PodAttachOptions', verbs: ['create', 'get'] };
    case 'portforward': return { kind: 'PodPortForwardOptions', verbs: ['create', 'get'] };
    case 'log': return { kind: 'Pod', verbs: ['get'] };
    case 'finalize': return { kind: '', verbs: ['update'] };
    case 'scale': return { kind: 'Scale', verbs: ['get', 'patch', 'update'] };
    default: return { kind: '', verbs: ['get', 'patch', 'update'] };
  }
}

const kindsIn = (group: string, version: string): KindInfo[] => KINDS.filter((k) => k.group === group && k.versions.includes(version));

// The /version document; minor 32 keeps the kubectl dispatcher on kubectl 1.32.
export function versionInfo(): Record<string, string> {
  return {
    major: '1', minor: '32', gitVersion: 'v1.32.0-labs-embedded', gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean', buildDate: '2026-01-01T00:00:00Z', goVersion: 'go1.23.4', compiler: 'gc', platform: 'linux/amd64',
  };
}

// GET /api (legacy form).
export function coreVersions(serverAddress: string): Record<string, unknown> {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

function apiGroup(group: string, versions: string[]): Record<string, unknown> {
  const vs = versions.map((version) => ({ groupVersion: `${group}/${version}`, version }));
  return { name: group, versions: vs, preferredVersion: vs[0] };
}

// GET /apis (legacy form).
export function groupList(): Record<string, unknown> {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: servedGroups().map((g) => apiGroup(g.group, g.versions)) };
}

// GET /apis/GROUP, or undefined when the group is not served.
export function groupDocument(group: string): Record<string, unknown> | undefined {
  const g = servedGroups().find((x) => x.group === group);
  return g ? { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(g.group, g.versions) } : undefined;
}

// GET /api/v1 or /apis/GROUP/VERSION, or undefined when not served.
export function resourceList(group: string, version: string): Record<string, unknown> | undefined {
  const kinds = kindsIn(group, version);
  if (kinds.length === 0) return undefined;
  const resources = kinds.flatMap((k) => [
    { name: k.plural, singularName: k.singular, namespaced: k.namespaced, kind: k.kind, verbs: verbsOf(k),
      ...(k.shortNames.length > 0 ? { shortNames: k.shortNames } : {}), ...(k.categories.length > 0 ? { categories: k.categories } : {}) },
    ...(k.subresources ?? []).map((sub) => {
      const s = subresourceVerbs(sub);
      return { name: `${k.plural}/${sub}`, singularName: '', namespaced: k.namespaced, kind: s.kind || k.kind, verbs: s.verbs };
    }),
  ]);
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: groupVersion(group, version), resources };
}

function discoveryGroup(group: string, versions: string[]): Record<string, unknown> {
  return {
    metadata: { name: group, creationTimestamp: null },
    versions: versions.map((version) => ({
      version,
      freshness: 'Current',
      resources: kindsIn(group, version).map((k) => ({
        resource: k.plural,
        responseKind: { group, version, kind: k.kind },
        scope: k.namespaced ? 'Namespaced' : 'Cluster',
        singularResource: k.singular,
        verbs: verbsOf(k),
        ...(k.shortNames.length > 0 ? { shortNames: k.shortNames } : {}),
        ...(k.categories.length > 0 ? { categories: k.categories } : {}),
        ...((k.subresources ?? []).length > 0 ? {
          subresources: (k.subresources ?? []).map((sub) => {
            const s = subresourceVerbs(sub);
            return { subresource: sub, responseKind: { group: s.kind === 'Scale' ? 'autoscaling' : group, version: s.kind === 'Scale' ? 'v1' : version, kind: s.kind || k.kind }, verbs: s.verbs };
          }),
        } : {}),
      })),
    })),
  };
}

// Aggregated discovery (apidiscovery.k8s.io/v2) for /api (core) or /apis (every group).
export function aggregatedDiscovery(core: boolean): Record<string, unknown> {
  const items = core ? [discoveryGroup('', ['v1'])] : servedGroups().map((g) => discoveryGroup(g.group, [...g.versions].sort(compareVersions)));
  return { kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {}, items };
}

// Whether the Accept header asks for aggregated discovery.
export function wantsAggregated(accept: string | undefined): boolean {
  return (accept ?? '').includes('as=APIGroupDiscoveryList') && (accept ?? '').includes('v=v2;');
}
