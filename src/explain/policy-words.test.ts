// The sentence that names the deciding policy, for each kind of decision.
import { describe, expect, it } from 'vitest';
import type { KubeObject, TraceEntry } from '../mesh/index.ts';
import { callerAt, describePolicy, describeRule } from './policy-words.ts';

const policy = (name: string, spec: object): KubeObject => ({
  apiVersion: 'security.istio.io/v1',
  kind: 'AuthorizationPolicy',
  metadata: { name, namespace: 'hello' },
  spec,
});
const deny = (hop: TraceEntry['hop'], name: string, rule?: number): TraceEntry => ({
  hop,
  where: hop === 'ztunnel' ? 'ztunnel for hello/web-1' : 'sidecar of hello/web-1',
  verdict: 'deny',
  message: 'denied',
  policy: { kind: 'AuthorizationPolicy', namespace: 'hello', name, ...(rule !== undefined ? { rule } : {}) },
});

describe('describePolicy', () => {
  it('lists whom an ALLOW policy admits', () => {
    const p = policy('allow', {
      rules: [{ from: [{ source: { principals: ['cluster.local/ns/a/sa/x'], namespaces: ['b'] } }] }],
    });
    expect(describePolicy(deny('sidecar', 'allow'), [p])).toBe(
      'AuthorizationPolicy allow allows only cluster.local/ns/a/sa/x or namespace b',
    );
  });

  it('names the rule ztunnel dropped for its HTTP fields and whom the other rules still admit', () => {
    const p = policy('mixed', {
      rules: [
        { from: [{ source: { namespaces: ['test'] } }], to: [{ operation: { methods: ['GET'] } }] },
        { from: [{ source: { namespaces: ['ops'] } }] },
      ],
    });
    expect(describePolicy(deny('ztunnel', 'mixed'), [p])).toBe(
      'AuthorizationPolicy mixed allows only namespace ops at ztunnel (rule 0 dropped: it uses methods, which only a waypoint sees)',
    );
  });

  it('says an ALLOW policy without rules allows nothing', () => {
    expect(describePolicy(deny('sidecar', 'nothing'), [policy('nothing', {})])).toBe(
      'AuthorizationPolicy nothing has no rules: it allows nothing',
    );
  });

  it('quotes the DENY rule that matched', () => {
    const p = policy('require-jwt', {
      action: 'DENY',
      rules: [{ from: [{ source: { notRequestPrincipals: ['*'] } }] }],
    });
    expect(describePolicy(deny('sidecar', 'require-jwt', 0), [p])).toBe(
      'AuthorizationPolicy require-jwt denies what its rule 0 matches (from notRequestPrincipals ["*"])',
    );
  });
});

describe('describeRule', () => {
  it('says an empty rule matches every request', () => {
    expect(describeRule({})).toBe('an empty rule {}, which matches every request');
  });

  it('writes to, from and when parts in order', () => {
    expect(
      describeRule({
        to: [{ operation: { methods: ['POST'] } }],
        when: [{ key: 'request.headers[x]', notValues: ['y'] }],
      }),
    ).toBe('to methods ["POST"]; when request.headers[x] not ["y"]');
  });
});

describe('callerAt', () => {
  it('takes the waypoint identity for a ztunnel behind a waypoint', () => {
    const trace: TraceEntry[] = [
      {
        hop: 'client',
        where: 'ztunnel for a/c',
        verdict: 'info',
        message: 'sends it with identity spiffe://cluster.local/ns/a/sa/c.',
      },
      { hop: 'waypoint', where: 'waypoint hello/wp', verdict: 'allow', message: 'allowed' },
      deny('ztunnel', 'x'),
    ];
    expect(callerAt(trace[2]!, trace)).toBe('cluster.local/ns/hello/sa/wp');
    expect(callerAt(trace[1]!, trace)).toBe('cluster.local/ns/a/sa/c');
  });
});
