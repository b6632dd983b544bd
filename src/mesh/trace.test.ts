import { describe, expect, it } from 'vitest';
import { createMesh } from './mesh.ts';
import { ambientNs, ap, curlPod, helloworld, ns, pa, req, waypoint } from './testing/world.ts';

const HW = 'http://helloworld.hello.svc.cluster.local:5000/hello';
const base = [ns('istio-system'), ambientNs('hello', { 'istio.io/use-waypoint': 'waypoint' }), ambientNs('test'), ns('legacy'), ...helloworld('hello'), curlPod('test'), curlPod('legacy'), ...waypoint('hello')];

describe('trace', () => {
  it('names the policy and rule index that denied the request, with the Istio source', async () => {
    const deny = ap('hello', 'deny-post', { targetRefs: [{ kind: 'Service', group: '', name: 'helloworld' }], action: 'DENY', rules: [{ to: [{ operation: { methods: ['GET'] } }] }, { to: [{ operation: { methods: ['POST'] } }] }] });
    const { trace } = await createMesh([...base, deny]).evaluate(req('test/curl', HW, { method: 'POST' }));
    const decisive = trace.find((t) => t.verdict === 'deny');
    expect(decisive).toMatchObject({ hop: 'waypoint', where: 'waypoint hello/waypoint', policy: { kind: 'AuthorizationPolicy', namespace: 'hello', name: 'deny-post', rule: 1 }, source: 'pilot/pkg/security/authz/builder/builder.go' });
  });

  it('names the PeerAuthentication behind a STRICT reset of a plaintext client', async () => {
    const { trace } = await createMesh([...base, pa('istio-system', 'default', { mtls: { mode: 'STRICT' } })]).evaluate(req('legacy/curl', HW));
    const decisive = trace.find((t) => t.verdict === 'deny');
    expect(decisive?.policy).toEqual({ kind: 'PeerAuthentication', namespace: 'istio-system', name: 'default' });
    expect(decisive?.message).toContain('istio_converted_static_strict');
  });

  it('walks dns, client, waypoint, ztunnel and app in order for an allowed ambient request', async () => {
    const { trace } = await createMesh(base).evaluate(req('test/curl', HW));
    const hops = trace.map((t) => t.hop).filter((h, i, all) => all.indexOf(h) === i);
    expect(hops).toEqual(['dns', 'client', 'waypoint', 'ztunnel', 'app']);
  });
});
