// What the app and curl see of the proxies in between: the headers Envoys add on the way in and out, and the peer
// address the app reads.
import { describe, expect, it } from 'vitest';
import { createMesh } from './mesh.ts';
import { createIssuer } from './testing/jwt.ts';
import { ambientNs, curlPod, httpbin, ns, ra, req } from './testing/world.ts';
import type { KubeObject, Outcome } from './types.ts';

const clients = (): KubeObject[] => [ns('istio-system'), ns('bar'), ns('legacy'), curlPod('bar', 'curl', { sidecar: true }), curlPod('legacy')];

async function echoed(objects: KubeObject[], from: string, path: string, headers: Record<string, string> = {}) {
  const { outcome } = await createMesh(objects).evaluate(req(from, `http://httpbin.foo:8000${path}`, { headers }));
  if (outcome.kind !== 'response') throw new Error(`expected a response, got ${JSON.stringify(outcome)}`);
  return { outcome, body: JSON.parse(outcome.body) as { headers?: Record<string, string[]>; origin?: string } };
}

const header = (o: Outcome, name: string) => (o.kind === 'response' ? o.headers.find(([k]) => k === name)?.[1] : undefined);

describe('behind a sidecar', () => {
  const world = () => [...clients(), ns('foo'), ...httpbin('foo', { sidecar: true })];

  it('[listener_inbound.go APPEND_FORWARD; istio.io authn-policy snips] an mTLS peer reaches the app with X-Forwarded-Client-Cert', async () => {
    const { body } = await echoed(world(), 'bar/curl', '/headers');
    expect(body.headers?.['X-Forwarded-Client-Cert']).toEqual([
      expect.stringMatching(/^By=spiffe:\/\/cluster\.local\/ns\/foo\/sa\/httpbin;Hash=[0-9a-f]{64};Subject="";URI=spiffe:\/\/cluster\.local\/ns\/bar\/sa\/curl$/),
    ]);
  });

  it('[conn_manager_utility.cc] a plaintext client gets none, and one it sends itself is removed', async () => {
    const { body } = await echoed(world(), 'legacy/curl', '/headers', { 'X-Forwarded-Client-Cert': 'By=forged' });
    expect(body.headers?.['X-Forwarded-Client-Cert']).toBeUndefined();
  });

  it('[cluster_builder.go InboundPassthroughBindIpv4] the app sees its peer as 127.0.0.6', async () => {
    expect((await echoed(world(), 'bar/curl', '/ip')).body.origin).toBe('127.0.0.6');
  });

  it('[proxy_headers.go SuppressDebugHeaders false] the answer carries x-envoy-upstream-service-time', async () => {
    expect(header((await echoed(world(), 'bar/curl', '/get')).outcome, 'x-envoy-upstream-service-time')).toMatch(/^\d+$/);
  });
});

describe('in ambient mode without a waypoint', () => {
  const world = () => [ns('istio-system'), ambientNs('amb'), curlPod('amb'), ambientNs('foo'), ...httpbin('foo')];

  it('[ztunnel inbound] the app sees the client pod itself, and no Envoy header reaches curl', async () => {
    const { outcome, body } = await echoed(world(), 'amb/curl', '/ip');
    expect(body.origin).toMatch(/^10\.244\./);
    expect(header(outcome, 'x-envoy-upstream-service-time')).toBeUndefined();
  });
});

describe('RequestAuthentication outputs', () => {
  it('[istio.io claim-to-header task; jwt_authn] a verified token is copied to the request: its payload, and chosen claims', async () => {
    const issuer = await createIssuer();
    const token = await issuer.sign({ foo: 'bar', group: { name: 'admins' }, level: 3, list: ['a'] });
    const objects = [
      ...clients(),
      ns('foo'),
      ...httpbin('foo', { sidecar: true }),
      ra('foo', 'jwt', {
        selector: { matchLabels: { app: 'httpbin' } },
        jwtRules: [{
          issuer: issuer.issuer,
          jwks: issuer.jwks,
          outputPayloadToHeader: 'x-jwt-payload',
          outputClaimToHeaders: [
            { header: 'x-jwt-claim-foo', claim: 'foo' },
            { header: 'x-jwt-group', claim: 'group.name' },
            { header: 'x-jwt-level', claim: 'level' },
            { header: 'x-jwt-list', claim: 'list' },
          ],
        }],
      }),
    ];
    const { body } = await echoed(objects, 'bar/curl', '/headers', { Authorization: `Bearer ${token}` });
    expect(body.headers).toMatchObject({
      'X-Jwt-Payload': [token.split('.')[1]],
      'X-Jwt-Claim-Foo': ['bar'],
      'X-Jwt-Group': ['admins'],
      'X-Jwt-Level': ['3'],
    });
    expect(body.headers?.['X-Jwt-List']).toBeUndefined();
  });
});
