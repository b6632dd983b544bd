import { beforeAll, describe, it } from 'vitest';
import { createIssuer, type TestIssuer } from './testing/jwt.ts';
import { expectRow, type Row } from './testing/run.ts';
import { ambientNs, ap, curlPod, httpbin, ns, pa, pod, ra, req, waypoint } from './testing/world.ts';
import type { KubeObject } from './types.ts';

const HB = 'http://httpbin.foo:8000/get';

// foo: httpbin with a sidecar; bar: curl with a sidecar (SA curl); legacy: curl without a sidecar; amb: ambient curl.
function world(extra: KubeObject[] = []): KubeObject[] {
  return [
    ns('istio-system'), ns('foo', { 'istio-injection': 'enabled' }), ns('bar'), ns('legacy'), ambientNs('amb'),
    ...httpbin('foo', { sidecar: true }), curlPod('bar', 'curl', { sidecar: true }), curlPod('legacy'), curlPod('amb'), ...extra,
  ];
}

const hbSelector = { matchLabels: { app: 'httpbin' } };

const mtls: Row[] = [
  { name: '[docs authn-policy] no PeerAuthentication: a legacy client reaches a sidecar (PERMISSIVE)', objects: world(), request: req('legacy/curl', HB), expected: { status: 200 } },
  { name: '[docs authn-policy snips: 000 + exit 56] namespace STRICT resets a legacy client', objects: world([pa('foo', 'default', { mtls: { mode: 'STRICT' } })]), request: req('legacy/curl', HB), expected: { error: 'reset' } },
  { name: '[docs authn-policy] namespace STRICT admits a sidecar client', objects: world([pa('foo', 'default', { mtls: { mode: 'STRICT' } })]), request: req('bar/curl', HB), expected: { status: 200 } },
  { name: '[docs authn-policy] namespace STRICT + workload DISABLE: the legacy client gets 200', objects: world([pa('foo', 'default', { mtls: { mode: 'STRICT' } }), pa('foo', 'httpbin', { selector: hbSelector, mtls: { mode: 'DISABLE' } })]), request: req('legacy/curl', HB), expected: { status: 200 } },
  { name: '[docs authn-policy] workload STRICT + portLevelMtls 8080 DISABLE (container port): the legacy client gets 200', objects: world([pa('foo', 'httpbin', { selector: hbSelector, mtls: { mode: 'STRICT' }, portLevelMtls: { '8080': { mode: 'DISABLE' } } })]), request: req('legacy/curl', HB), expected: { status: 200 } },
  { name: '[notes §4.1] port-level keys are container ports: the service port 8000 does not count', objects: world([pa('foo', 'httpbin', { selector: hbSelector, mtls: { mode: 'STRICT' }, portLevelMtls: { '8000': { mode: 'DISABLE' } } })]), request: req('legacy/curl', HB), expected: { error: 'reset' } },
  { name: '[policy_applier.go ComposePeerAuthentication] mesh STRICT, namespace UNSET inherits STRICT', objects: world([pa('istio-system', 'default', { mtls: { mode: 'STRICT' } }), pa('foo', 'default', { mtls: { mode: 'UNSET' } })]), request: req('legacy/curl', HB), expected: { error: 'reset' } },
  { name: '[notes §1.4] an ambient client reaches a STRICT sidecar over HBONE', objects: world([pa('foo', 'default', { mtls: { mode: 'STRICT' } })]), request: req('amb/curl', HB), expected: { status: 200 } },
];

const authz: Row[] = [
  { name: '[listener_inbound.go useRemoteAddress false] remoteIpBlocks read the last X-Forwarded-For address, even one curl sent', objects: world([ap('foo', 'office', { selector: hbSelector, action: 'ALLOW', rules: [{ from: [{ source: { remoteIpBlocks: ['203.0.113.0/24'] } }] }] })]), request: req('bar/curl', HB, { headers: { 'X-Forwarded-For': '198.51.100.7, 203.0.113.9' } }), expected: { status: 200 } },
  { name: '[listener_inbound.go useRemoteAddress false] without X-Forwarded-For remoteIpBlocks see the peer', objects: world([ap('foo', 'office', { selector: hbSelector, action: 'ALLOW', rules: [{ from: [{ source: { remoteIpBlocks: ['203.0.113.0/24'] } }] }] })]), request: req('bar/curl', HB), expected: { status: 403 } },
  { name: '[generator.go srcIPGenerator] ipBlocks always test the peer, whatever X-Forwarded-For says', objects: world([ap('foo', 'office', { selector: hbSelector, action: 'ALLOW', rules: [{ from: [{ source: { ipBlocks: ['203.0.113.0/24'] } }] }] })]), request: req('bar/curl', HB, { headers: { 'X-Forwarded-For': '203.0.113.9' } }), expected: { status: 403 } },
  { name: '[generator.go srcNamespaceGenerator] at an Envoy a * inside a namespaces value is a wildcard: ba* and b*r admit bar', objects: world([ap('foo', 'ns-glob', { selector: hbSelector, action: 'ALLOW', rules: [{ from: [{ source: { namespaces: ['b*r'] } }] }] })]), request: req('bar/curl', HB), expected: { status: 200 } },
  { name: '[generator.go srcNamespaceGenerator] a namespaces glob still needs the whole name: b*z refuses bar', objects: world([ap('foo', 'ns-glob', { selector: hbSelector, action: 'ALLOW', rules: [{ from: [{ source: { namespaces: ['b*z'] } }] }] })]), request: req('bar/curl', HB), expected: { status: 403 } },
  { name: '[docs authz-http] a sidecar enforces ALLOW principals: the listed SA gets 200', objects: world([ap('foo', 'allow', { selector: hbSelector, action: 'ALLOW', rules: [{ from: [{ source: { principals: ['cluster.local/ns/bar/sa/curl'] } }] }] })]), request: req('bar/curl', HB), expected: { status: 200 } },
  { name: '[docs authz-http] a sidecar answers others 403 RBAC: access denied', objects: world([ap('foo', 'allow', { selector: hbSelector, action: 'ALLOW', rules: [{ from: [{ source: { principals: ['cluster.local/ns/bar/sa/curl'] } }] }] })]), request: req('legacy/curl', HB), expected: { status: 403, body: 'RBAC: access denied' } },
  { name: '[builder.go] sidecars enforce L7 methods: POST to /get is denied', objects: world([ap('foo', 'get-only', { action: 'ALLOW', rules: [{ to: [{ operation: { methods: ['GET'] } }] }] })]), request: req('bar/curl', 'http://httpbin.foo:8000/post', { method: 'POST' }), expected: { status: 403 } },
  { name: '[builder.go] a sidecar applies L7 paths with {*} templates', objects: world([ap('foo', 'tmpl', { action: 'DENY', rules: [{ to: [{ operation: { paths: ['/status/{*}'] } }] }] })]), request: req('bar/curl', 'http://httpbin.foo:8000/status/200'), expected: { status: 403 } },
  { name: '[policyattachment.go] sidecars ignore targetRefs policies', objects: world([ap('foo', 'tr', { targetRefs: [{ kind: 'Service', group: '', name: 'httpbin' }], action: 'DENY', rules: [{}] })]), request: req('bar/curl', HB), expected: { status: 200 } },
  { name: '[builder.go] a root-namespace policy applies to every sidecar', objects: world([ap('istio-system', 'deny-legacy', { action: 'DENY', rules: [{ from: [{ source: { notNamespaces: ['bar'] } }] }] })]), request: req('legacy/curl', HB), expected: { status: 403 } },
  { name: '[builder.go shadow rules] a dry-run DENY is not enforced by a sidecar', objects: world([ap('foo', 'dry', { action: 'DENY', rules: [{}] }, { annotations: { 'istio.io/dry-run': 'true' } })]), request: req('bar/curl', HB), expected: { status: 200 } },
  { name: '[builder.go getBadCustomDenyRules] CUSTOM with an undefined provider denies what it matches', objects: world([ap('foo', 'ext', { action: 'CUSTOM', provider: { name: 'opa' }, rules: [{ to: [{ operation: { paths: ['/get'] } }] }] })]), request: req('bar/curl', HB), expected: { status: 403 } },
  { name: '[builder.go] AUDIT never changes the decision', objects: world([ap('foo', 'audit', { action: 'AUDIT', rules: [{}] })]), request: req('bar/curl', HB), expected: { status: 200 } },
  { name: '[lesson 003 zero trust] spec {} denies all sidecars in the namespace: 403', objects: world([ap('foo', 'deny-all', {})]), request: req('bar/curl', HB), expected: { status: 403 } },
  { name: '[generator.go] a when on source.ip matches the client pod IP', objects: world([ap('foo', 'ip', { action: 'DENY', rules: [{ when: [{ key: 'source.ip', values: ['10.244.0.0/16'] }] }] })]), request: req('bar/curl', HB), expected: { status: 403 } },
  { name: '[generator.go] destination.port is the container port 8080', objects: world([ap('foo', 'port', { action: 'DENY', rules: [{ when: [{ key: 'destination.port', values: ['8080'] }] }] })]), request: req('bar/curl', HB), expected: { status: 403 } },
  { name: '[notes §4.2] workload DISABLE: a sidecar client sends plaintext, so principals do not match', objects: world([pa('foo', 'httpbin', { selector: hbSelector, mtls: { mode: 'DISABLE' } }), ap('foo', 'allow', { action: 'ALLOW', rules: [{ from: [{ source: { principals: ['cluster.local/ns/bar/sa/curl'] } }] }] })]), request: req('bar/curl', HB), expected: { status: 403 } },
];

describe('PeerAuthentication at a sidecar', () => {
  it.each(mtls)('$name', async (row) => expectRow(row));
});

describe('AuthorizationPolicy at a sidecar', () => {
  it.each(authz)('$name', async (row) => expectRow(row));
});

describe('RequestAuthentication with real JWTs', () => {
  let issuer: TestIssuer;
  const now = Date.UTC(2026, 0, 1);
  const nowS = Math.floor(now / 1000);
  beforeAll(async () => {
    issuer = await createIssuer();
  });
  const raFor = (extra: object = {}): KubeObject => ra('foo', 'jwt', { selector: hbSelector, jwtRules: [{ issuer: issuer.issuer, jwks: issuer.jwks, ...extra }] });
  const requireJwt = (): KubeObject => ap('foo', 'require-jwt', { selector: hbSelector, action: 'DENY', rules: [{ from: [{ source: { notRequestPrincipals: ['*'] } }] }] });
  const bearer = (token: string): Record<string, string> => ({ Authorization: `Bearer ${token}` });
  const rows: Array<{ name: string; build: () => Promise<Row> }> = [
    { name: '[policy_applier.go allow_missing] RA alone: no token passes', build: async () => ({ name: '', objects: world([raFor()]), request: req('bar/curl', HB, { now }), expected: { status: 200 } }) },
    { name: '[docs authz-jwt] RA + DENY notRequestPrincipals *: no token is 403', build: async () => ({ name: '', objects: world([raFor(), requireJwt()]), request: req('bar/curl', HB, { now }), expected: { status: 403 } }) },
    { name: '[docs authz-jwt] a valid token passes the DENY', build: async () => ({ name: '', objects: world([raFor(), requireJwt()]), request: req('bar/curl', HB, { now, headers: bearer(await issuer.sign({}, { exp: nowS + 3600 })) }), expected: { status: 200 } }) },
    { name: '[jwt_verify_lib status.cc JwtExpired] an expired token is 401 Jwt is expired', build: async () => ({ name: '', objects: world([raFor()]), request: req('bar/curl', HB, { now, headers: bearer(await issuer.sign({}, { exp: nowS - 3600 })) }), expected: { status: 401, body: 'Jwt is expired' } }) },
    { name: '[jwt_verify_lib JwtNotYetValid] a future nbf is 401 Jwt not yet valid', build: async () => ({ name: '', objects: world([raFor()]), request: req('bar/curl', HB, { now, headers: bearer(await issuer.sign({}, { nbf: nowS + 3600 })) }), expected: { status: 401, body: 'Jwt not yet valid' } }) },
    { name: '[jwt_verify_lib JwtUnknownIssuer] another issuer is 401 Jwt issuer is not configured', build: async () => ({ name: '', objects: world([raFor()]), request: req('bar/curl', HB, { now, headers: bearer(await issuer.sign({}, { iss: 'someone-else' })) }), expected: { status: 401, body: 'Jwt issuer is not configured' } }) },
    { name: '[jwt_verify_lib JwtBadFormat] a bearer that is not a JWT is 401', build: async () => ({ name: '', objects: world([raFor()]), request: req('bar/curl', HB, { now, headers: bearer('helloworld') }), expected: { status: 401, body: 'Jwt is not in the form of Header.Payload.Signature with two dots and 3 sections' } }) },
    { name: '[jwt_verify_lib JwtVerificationFail] a token signed by another key is 401', build: async () => { const other = await createIssuer(issuer.issuer); return { name: '', objects: world([raFor()]), request: req('bar/curl', HB, { now, headers: bearer(await other.sign({})) }), expected: { status: 401, body: 'Jwt verification fails' } }; } },
    { name: '[jwt_authn JwtAudienceNotAllowed] a wrong audience is 403', build: async () => ({ name: '', objects: world([raFor({ audiences: ['app.example.com'] })]), request: req('bar/curl', HB, { now, headers: bearer(await issuer.sign({ aud: 'other' })) }), expected: { status: 403, body: 'Audiences in Jwt are not allowed' } }) },
    { name: '[notes §5] jwksUri cannot be fetched offline: verification fails with 401', build: async () => ({ name: '', objects: world([ra('foo', 'jwt', { selector: hbSelector, jwtRules: [{ issuer: issuer.issuer, jwksUri: 'https://example.com/jwks.json' }] })]), request: req('bar/curl', HB, { now, headers: bearer(await issuer.sign({})) }), expected: { status: 401, body: 'Jwt verification fails' } }) },
    { name: '[generator.go requestPrincipals] ALLOW requestPrincipals iss/sub admits the token', build: async () => ({ name: '', objects: world([raFor(), ap('foo', 'rp', { action: 'ALLOW', rules: [{ from: [{ source: { requestPrincipals: [`${issuer.issuer}/alice`] } }] }] })]), request: req('bar/curl', HB, { now, headers: bearer(await issuer.sign({}, { sub: 'alice' })) }), expected: { status: 200 } }) },
    { name: '[generator.go requestPrincipalGenerator] requestPrincipals * needs iss and sub: a token without sub is refused', build: async () => ({ name: '', objects: world([raFor(), ap('foo', 'any', { action: 'ALLOW', rules: [{ from: [{ source: { requestPrincipals: ['*'] } }] }] })]), request: req('bar/curl', HB, { now, headers: bearer(await issuer.sign({}, { sub: null })) }), expected: { status: 403 } }) },
    { name: '[generator.go requestPrincipalGenerator] ISS/* is that issuer exactly, with any subject', build: async () => ({ name: '', objects: world([raFor(), ap('foo', 'iss', { action: 'ALLOW', rules: [{ from: [{ source: { requestPrincipals: [`${issuer.issuer}/*`] } }] }] })]), request: req('bar/curl', HB, { now, headers: bearer(await issuer.sign({}, { sub: 'bob' })) }), expected: { status: 200 } }) },
    { name: '[generator.go requestPrincipalGenerator] a when on request.auth.principal matches like requestPrincipals', build: async () => ({ name: '', objects: world([raFor(), ap('foo', 'when-rp', { action: 'ALLOW', rules: [{ when: [{ key: 'request.auth.principal', values: [`${issuer.issuer}/alice`] }] }] })]), request: req('bar/curl', HB, { now, headers: bearer(await issuer.sign({}, { sub: 'alice' })) }), expected: { status: 200 } }) },
    { name: '[matcher/metadata.go; istio#39703] a boolean claim never matches a when value, not even "true"', build: async () => ({ name: '', objects: world([raFor(), ap('foo', 'admin', { action: 'ALLOW', rules: [{ when: [{ key: 'request.auth.claims[admin]', values: ['true'] }] }] })]), request: req('bar/curl', HB, { now, headers: bearer(await issuer.sign({ admin: true })) }), expected: { status: 403 } }) },
    { name: '[matcher/metadata.go] a string claim "true" does match', build: async () => ({ name: '', objects: world([raFor(), ap('foo', 'admin', { action: 'ALLOW', rules: [{ when: [{ key: 'request.auth.claims[admin]', values: ['true'] }] }] })]), request: req('bar/curl', HB, { now, headers: bearer(await issuer.sign({ admin: 'true' })) }), expected: { status: 200 } }) },
    { name: '[generator.go request.auth.claims] a list claim matches any element', build: async () => ({ name: '', objects: world([raFor(), ap('foo', 'claims', { action: 'ALLOW', rules: [{ when: [{ key: 'request.auth.claims[groups]', values: ['group2'] }] }] })]), request: req('bar/curl', HB, { now, headers: bearer(await issuer.sign({ groups: ['group1', 'group2'] })) }), expected: { status: 200 } }) },
    { name: '[generator.go request.auth.claims] nested claims use [a][b]', build: async () => ({ name: '', objects: world([raFor(), ap('foo', 'nested', { action: 'ALLOW', rules: [{ when: [{ key: 'request.auth.claims[realm][role]', values: ['admin'] }] }] })]), request: req('bar/curl', HB, { now, headers: bearer(await issuer.sign({ realm: { role: 'viewer' } })) }), expected: { status: 403 } }) },
    { name: '[TestL7JWT waypoint-jwt.yaml.tmpl] a targetRefs RequestAuthentication at the waypoint rejects an expired token', build: async () => ({ name: '', objects: [ns('istio-system'), ambientNs('foo', { 'istio.io/use-waypoint': 'waypoint' }), ambientNs('bar'), ...httpbin('foo'), ...waypoint('foo'), curlPod('bar'), ra('foo', 'jwt', { targetRefs: [{ kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'waypoint' }], jwtRules: [{ issuer: issuer.issuer, jwks: issuer.jwks }] })], request: req('bar/curl', HB, { now, headers: bearer(await issuer.sign({}, { exp: nowS - 3600 })) }), expected: { status: 401, body: 'Jwt is expired' } }) },
    { name: '[TestL7JWT] a waypoint ALLOW requestPrincipals * denies a request without a token: 403', build: async () => ({ name: '', objects: [ns('istio-system'), ambientNs('foo', { 'istio.io/use-waypoint': 'waypoint' }), ambientNs('bar'), ...httpbin('foo'), ...waypoint('foo'), curlPod('bar'), ra('foo', 'jwt', { targetRefs: [{ kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'waypoint' }], jwtRules: [{ issuer: issuer.issuer, jwks: issuer.jwks }] }), ap('foo', 'need-jwt', { targetRefs: [{ kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'waypoint' }], action: 'ALLOW', rules: [{ from: [{ source: { requestPrincipals: ['*'] } }] }] })], request: req('bar/curl', HB, { now }), expected: { status: 403 } }) },
    { name: '[notes §5 ambient] a selector RequestAuthentication has no effect on an ambient pod', build: async () => ({ name: '', objects: [ns('istio-system'), ambientNs('foo'), ambientNs('bar'), ...httpbin('foo'), curlPod('bar'), raFor()], request: req('bar/curl', HB, { now, headers: bearer('garbage') }), expected: { status: 200 } }) },
  ];
  it.each(rows)('$name', async ({ build }) => expectRow(await build()));
});

describe('sidecar injection status on the pod', () => {
  it.each([{ name: '[inject.go] a pod with sidecar.istio.io/status is a sidecar pod' }])('$name', async () => {
    const objects = [ns('istio-system'), ns('foo'), ns('legacy'), pod('foo', 'web', { labels: { app: 'web' }, image: 'nginx:1.27', ports: [80], annotations: { 'sidecar.istio.io/status': '{}' } }), curlPod('legacy'), pa('foo', 'default', { mtls: { mode: 'STRICT' } })];
    await expectRow({ name: '', objects: [...objects, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'foo' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }], clusterIP: '10.96.200.1' } }], request: req('legacy/curl', 'http://web.foo/'), expected: { error: 'reset' } });
  });
});
