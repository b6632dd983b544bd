import { describe, expect, it } from 'vitest';
import { findKind, objectRefOf, splitResourceRef, type KindRef } from './kinds.ts';

describe('findKind', () => {
  it('accepts the names kubectl accepts: plural, singular, short, Kind', () => {
    for (const name of ['deployments', 'deployment', 'deploy', 'Deployment']) expect(findKind(name)?.kind).toBe('Deployment');
    expect(findKind('ap')?.apiVersion).toBe('security.istio.io/v1');
  });

  it('accepts the fully qualified RESOURCE.GROUP form kubectl prints', () => {
    expect(findKind('gateway.gateway.networking.k8s.io')?.kind).toBe('Gateway');
    expect(findKind('authorizationpolicy.security.istio.io')?.kind).toBe('AuthorizationPolicy');
  });

  it('looks in the table it is given: the built-in one, or what the cluster serves', () => {
    expect(findKind('virtualservice')).toBeUndefined();
    const served: KindRef[] = [
      { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', namespaced: true, names: ['virtualservices', 'virtualservice', 'vs'] },
    ];
    for (const name of ['virtualservice', 'vs', 'VirtualService', 'virtualservices.networking.istio.io'])
      expect(findKind(name, served)?.kind).toBe('VirtualService');
  });
});

describe('objectRefOf', () => {
  it('puts namespaced kinds in the given namespace (default: default) and cluster kinds in none', () => {
    const ref = (r: string, ns: string | undefined) => {
      const { kindName, name } = splitResourceRef(r);
      return objectRefOf(findKind(kindName)!, name, ns);
    };
    expect(ref('deploy/curl', 'test')).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'curl', namespace: 'test' });
    expect(ref('svc/x', undefined).namespace).toBe('default');
    expect(ref('namespace/hello', 'ignored')).toEqual({ apiVersion: 'v1', kind: 'Namespace', name: 'hello' });
  });
});
