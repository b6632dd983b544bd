// Request paths to what they address: discovery, OpenAPI, or a resource (kind, namespace,
// name, subresource), following k8s.io/apiserver RequestInfoFactory.
import { findKindByResource, KINDS } from './kinds.ts';
import type { Target } from './resources.ts';

export type Route =
  | { type: 'version' }
  | { type: 'health' }
  | { type: 'core-versions' }
  | { type: 'groups' }
  | { type: 'group'; group: string }
  | { type: 'resource-list'; group: string; version: string }
  | { type: 'openapi-index' }
  | { type: 'openapi'; path: string }
  | { type: 'resource'; target: Target & { subresource?: string } }
  | { type: 'not-found' };

function resourceRoute(group: string, version: string, segs: string[]): Route {
  let namespace: string | undefined;
  let rest = segs;
  const first = rest[0];
  if (first === 'namespaces' && rest.length >= 3) {
    const candidate = findKindByResource(group, version, rest[2] ?? '');
    if (candidate?.namespaced) {
      namespace = rest[1];
      rest = rest.slice(2);
    }
  }
  const [plural, name, subresource, ...extra] = rest;
  const info = findKindByResource(group, version, plural ?? '');
  if (!info || extra.length > 0) return { type: 'not-found' };
  if (subresource !== undefined && !(info.subresources ?? []).includes(subresource)) return { type: 'not-found' };
  if (info.namespaced && namespace === undefined && name !== undefined) return { type: 'not-found' };
  if (!info.namespaced && namespace !== undefined) return { type: 'not-found' };
  return { type: 'resource', target: { info, version, namespace, name, ...(subresource ? { subresource } : {}) } };
}

// Route a URL path.
export function routeOf(pathname: string): Route {
  let segs: string[];
  try {
    segs = pathname.split('/').filter((s) => s !== '').map(decodeURIComponent);
  } catch {
    return { type: 'not-found' };
  }
  const [head, second, third] = segs;
  if (pathname === '/version' || pathname === '/version/') return { type: 'version' };
  if (head === 'healthz' || head === 'readyz' || head === 'livez') return { type: 'health' };
  if (head === 'openapi' && second === 'v3') return segs.length === 2 ? { type: 'openapi-index' } : { type: 'openapi', path: segs.slice(2).join('/') };
  if (head === 'api') {
    if (segs.length === 1) return { type: 'core-versions' };
    if (second !== 'v1') return { type: 'not-found' };
    return segs.length === 2 ? { type: 'resource-list', group: '', version: 'v1' } : resourceRoute('', 'v1', segs.slice(2));
  }
  if (head === 'apis') {
    if (segs.length === 1) return { type: 'groups' };
    const group = second ?? '';
    if (!KINDS.some((k) => k.group === group)) return { type: 'not-found' };
    if (segs.length === 2) return { type: 'group', group };
    const version = third ?? '';
    return segs.length === 3 ? { type: 'resource-list', group, version } : resourceRoute(group, version, segs.slice(3));
  }
  return { type: 'not-found' };
}
