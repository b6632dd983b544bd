import { describe, expect, it } from 'vitest';
import { parseResourceRef, resolveKind } from './kinds.ts';

describe('resolveKind', () => {
  it('accepts the names kubectl accepts: plural, singular, short, Kind', () => {
    for (const name of ['deployments', 'deployment', 'deploy', 'Deployment']) expect(resolveKind(name).kind).toBe('Deployment');
    expect(resolveKind('ap').apiVersion).toBe('security.istio.io/v1');
  });

  it('accepts the fully qualified RESOURCE.GROUP form kubectl prints', () => {
    expect(resolveKind('gateway.gateway.networking.k8s.io').kind).toBe('Gateway');
    expect(resolveKind('authorizationpolicy.security.istio.io').kind).toBe('AuthorizationPolicy');
  });

  it('names the kinds it knows when one is unknown', () => {
    expect(() => resolveKind('virtualservice')).toThrow(/unknown kind "virtualservice"; labs knows namespace, pod, service/);
  });
});

describe('parseResourceRef', () => {
  it('puts namespaced kinds in the given namespace (default: default) and cluster kinds in none', () => {
    expect(parseResourceRef('deploy/curl', 'test')).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'curl', namespace: 'test' });
    expect(parseResourceRef('svc/x', undefined).namespace).toBe('default');
    expect(parseResourceRef('namespace/hello', 'ignored')).toEqual({ apiVersion: 'v1', kind: 'Namespace', name: 'hello' });
  });
});
