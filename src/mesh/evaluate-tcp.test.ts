import { describe, expect, it } from 'vitest';
import { createMesh } from './mesh.ts';
import { expectRow, type Row } from './testing/run.ts';
import { ambientNs, ap, curlPod, ns, pod, ra, req, svc, waypoint } from './testing/world.ts';
import type { KubeObject } from './types.ts';

// foo runs go-httpbin behind a Service whose port 8000 → 8080 is named "tcp" (declared TCP); bar: curl with a sidecar
// (SA curl); legacy: curl without a sidecar; amb: ambient curl.
const URL = 'http://httpbin.foo:8000/get';
const SELECTOR = { matchLabels: { app: 'httpbin' } };
const BAR = 'cluster.local/ns/bar/sa/curl';
const AMB = 'cluster.local/ns/amb/sa/curl';
const WAYPOINT_REF = [{ kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'waypoint' }];

function httpbinOnTcp(namespace: string, o: { sidecar?: boolean; portName?: string; targetPort?: number } = {}): KubeObject[] {
  return [
    svc(namespace, 'httpbin', { selector: { app: 'httpbin' }, ports: [{ port: 8000, targetPort: o.targetPort ?? 8080, ...(o.portName === '' ? {} : { name: o.portName ?? 'tcp' }) }] }),
    pod(namespace, 'httpbin-7b8f9c-abcde', { labels: { app: 'httpbin' }, sa: 'httpbin', image: 'docker.io/mccutchen/go-httpbin:v2.15.0', ports: [8080], sidecar: o.sidecar ?? false }),
  ];
}

function clients(): KubeObject[] {
  return [ns('istio-system'), ns('bar'), ns('legacy'), ambientNs('amb'), curlPod('bar', 'curl', { sidecar: true }), curlPod('legacy'), curlPod('amb')];
}

// The destination has a sidecar.
function sidecarWorld(extra: KubeObject[] = [], o: { portName?: string; targetPort?: number } = {}): KubeObject[] {
  return [...clients(), ns('foo'), ...httpbinOnTcp('foo', { sidecar: true, ...o }), ...extra];
}

// The destination is ambient with a waypoint for its Service.
function waypointWorld(extra: KubeObject[] = []): KubeObject[] {
  return [...clients(), ambientNs('foo', { 'istio.io/use-waypoint': 'waypoint' }), ...httpbinOnTcp('foo'), ...waypoint('foo'), ...extra];
}

// The destination is ambient, no waypoint: only ztunnel enforces.
function ztunnelWorld(extra: KubeObject[] = []): KubeObject[] {
  return [...clients(), ambientNs('foo'), ...httpbinOnTcp('foo'), ...extra];
}

const allowGet = (o: object = { selector: SELECTOR }): KubeObject => ap('foo', 'allow-get', { ...o, action: 'ALLOW', rules: [{ to: [{ operation: { methods: ['GET'] } }] }] });
const allowFrom = (principal: string, o: object = { selector: SELECTOR }): KubeObject => ap('foo', 'allow-from', { ...o, action: 'ALLOW', rules: [{ from: [{ source: { principals: [principal] } }] }] });
const denyPostFrom = (principal: string, o: object = { selector: SELECTOR }): KubeObject => ap('foo', 'deny-post', { ...o, action: 'DENY', rules: [{ from: [{ source: { principals: [principal] } }], to: [{ operation: { methods: ['POST'] } }] }] });

const sidecar: Row[] = [
  { name: '[model.go checkError ALLOW] an ALLOW with only methods is skipped on a TCP port: the sidecar client is cut off (52)', objects: sidecarWorld([allowGet()]), request: req('bar/curl', URL), expected: { error: 'empty-reply' } },
  { name: '[model.go checkError ALLOW] the same for a client outside the mesh', objects: sidecarWorld([allowGet()]), request: req('legacy/curl', URL), expected: { error: 'empty-reply' } },
  { name: '[model.go checkError ALLOW] the same for an ambient client over HBONE', objects: sidecarWorld([allowGet()]), request: req('amb/curl', URL), expected: { error: 'empty-reply' } },
  { name: '[generator.go srcPrincipalGenerator] an ALLOW on from.source.principals works on a TCP port', objects: sidecarWorld([allowFrom(BAR)]), request: req('bar/curl', URL), expected: { status: 200 } },
  { name: '[generator.go srcPrincipalGenerator] other principals are cut off by the network RBAC filter', objects: sidecarWorld([allowFrom(BAR)]), request: req('amb/curl', URL), expected: { error: 'empty-reply' } },
  { name: '[model.go checkError DENY] DENY methods POST + from: the methods are dropped, so a GET from that source is denied', objects: sidecarWorld([denyPostFrom(BAR)]), request: req('bar/curl', URL), expected: { error: 'empty-reply' } },
  { name: '[model.go checkError DENY] the widened DENY still needs its from: another source passes', objects: sidecarWorld([denyPostFrom(BAR)]), request: req('amb/curl', URL), expected: { status: 200 } },
  { name: '[generator.go requestPrincipalGenerator] DENY notRequestPrincipals * denies every connection on a TCP port', objects: sidecarWorld([ra('foo', 'jwt', { selector: SELECTOR, jwtRules: [{ issuer: 'https://issuer.example.com', jwks: '{"keys":[]}' }] }), ap('foo', 'require-jwt', { selector: SELECTOR, action: 'DENY', rules: [{ from: [{ source: { notRequestPrincipals: ['*'] } }] }] })]), request: req('bar/curl', URL), expected: { error: 'empty-reply' } },
  { name: '[builder.go build CUSTOM as DENY] CUSTOM with paths and an undefined provider denies every connection on a TCP port', objects: sidecarWorld([ap('foo', 'ext', { selector: SELECTOR, action: 'CUSTOM', provider: { name: 'opa' }, rules: [{ to: [{ operation: { paths: ['/admin'] } }] }] })]), request: req('bar/curl', URL), expected: { error: 'empty-reply' } },
  { name: '[builder.go] a dry-run DENY is not enforced on a TCP port either', objects: sidecarWorld([ap('foo', 'dry', { action: 'DENY', rules: [{}] }, { annotations: { 'istio.io/dry-run': 'true' } })]), request: req('bar/curl', URL), expected: { status: 200 } },
  { name: '[tcp_proxy.cc readDisable] nothing listens behind the sidecar: a plaintext client is reset (its request unread)', objects: sidecarWorld([], { targetPort: 9999 }), request: req('legacy/curl', URL), expected: { error: 'reset' } },
  { name: '[ztunnel copy.rs] nothing listens behind the sidecar: the sidecar client sees an empty reply, not a 503', objects: sidecarWorld([], { targetPort: 9999 }), request: req('bar/curl', URL), expected: { error: 'empty-reply' } },
  { name: '[conversion.go] regression: an unnamed port keeps HTTP: ALLOW methods GET admits a GET', objects: sidecarWorld([allowGet()], { portName: '' }), request: req('bar/curl', URL), expected: { status: 200 } },
  { name: '[conversion.go] regression: an unnamed port keeps HTTP: a POST gets 403 RBAC: access denied', objects: sidecarWorld([allowGet()], { portName: '' }), request: req('bar/curl', 'http://httpbin.foo:8000/post', { method: 'POST' }), expected: { status: 403, body: 'RBAC: access denied' } },
];

const viaWaypoint: Row[] = [
  { name: '[listener_waypoint.go + model.go checkError ALLOW] a waypoint ALLOW with only methods never allows on a TCP port', objects: waypointWorld([allowGet({ targetRefs: WAYPOINT_REF })]), request: req('amb/curl', URL), expected: { error: 'empty-reply' } },
  { name: '[listener_waypoint.go] a waypoint ALLOW on principals admits the ambient client', objects: waypointWorld([allowFrom(AMB, { targetRefs: WAYPOINT_REF })]), request: req('amb/curl', URL), expected: { status: 200 } },
  { name: '[model.go checkError DENY] a waypoint DENY methods POST + from denies a GET from that source', objects: waypointWorld([denyPostFrom(AMB, { targetRefs: WAYPOINT_REF })]), request: req('amb/curl', URL), expected: { error: 'empty-reply' } },
  { name: '[model.go checkError DENY] the widened waypoint DENY spares other sources', objects: waypointWorld([denyPostFrom(BAR, { targetRefs: WAYPOINT_REF })]), request: req('amb/curl', URL), expected: { status: 200 } },
];

const ztunnelOnly: Row[] = [
  { name: '[ambient/authorization.go] ztunnel is L4 anyway: ALLOW principals admits the ambient client on a TCP port', objects: ztunnelWorld([allowFrom(AMB)]), request: req('amb/curl', URL), expected: { status: 200 } },
  { name: '[ztunnel state.rs assert_rbac] a ztunnel denial on a TCP port is still a reset', objects: ztunnelWorld([allowFrom(BAR)]), request: req('amb/curl', URL), expected: { error: 'reset' } },
  { name: '[ambient/authorization.go handleRule] ztunnel drops an ALLOW with methods the same way: reset', objects: ztunnelWorld([allowGet()]), request: req('amb/curl', URL), expected: { error: 'reset' } },
];

// Kiali travel demo's database: Service mysqldb port 3306 named "tcp", image demo_travels_mysqldb.
function travelDb(o: { sidecar?: boolean; ambient?: boolean; portName?: string } = {}): KubeObject[] {
  return [
    ...clients(),
    o.ambient ? ambientNs('travel-agency') : ns('travel-agency'),
    svc('travel-agency', 'mysqldb', { selector: { app: 'mysqldb' }, ports: [{ port: 3306, name: o.portName ?? 'tcp' }] }),
    pod('travel-agency', 'mysqldb-v1-6d8f7c-abcde', { labels: { app: 'mysqldb', version: 'v1' }, image: 'quay.io/kiali/demo_travels_mysqldb:v1', ports: [3306], sidecar: o.sidecar ?? false }),
  ];
}
const DB = 'http://mysqldb.travel-agency:3306/';

const mysql: Row[] = [
  { name: '[curl http.c] curl to mysqldb with no mesh reads the MySQL greeting: (1) Received HTTP/0.9 when not allowed', objects: travelDb(), request: req('legacy/curl', DB), expected: { error: 'not-http' } },
  { name: '[networkfilter.go TcpProxy] through a client sidecar the greeting passes as bytes: still exit 1', objects: travelDb(), request: req('bar/curl', DB), expected: { error: 'not-http' } },
  { name: '[listener_inbound.go] a sidecar on mysqldb proxies 3306 as TCP: exit 1', objects: travelDb({ sidecar: true }), request: req('bar/curl', DB), expected: { error: 'not-http' } },
  { name: '[ztunnel] ambient to ambient mysqldb: exit 1', objects: travelDb({ ambient: true }), request: req('amb/curl', DB), expected: { error: 'not-http' } },
  { name: '[conversion.go] a port misnamed "http" makes the sidecar parse MySQL as HTTP: 503 protocol error', objects: travelDb({ sidecar: true, portName: 'http' }), request: req('bar/curl', DB), expected: { status: 503, body: 'protocol error' } },
];

describe('a sidecar destination on a TCP port', () => {
  it.each(sidecar)('$name', async (row) => expectRow(row));
});

describe('a waypoint on a TCP Service port', () => {
  it.each(viaWaypoint)('$name', async (row) => expectRow(row));
});

describe('a ztunnel-only destination on a TCP port', () => {
  it.each(ztunnelOnly)('$name', async (row) => expectRow(row));
});

describe('the MySQL app (server-first) on 3306', () => {
  it.each(mysql)('$name', async (row) => expectRow(row));
});

describe('what the trace says on a TCP port', () => {
  it('names the protocol and its reason, and the rule istiod skipped', async () => {
    const { trace } = await createMesh(sidecarWorld([allowGet()])).evaluate(req('bar/curl', URL));
    const text = trace.map((t) => t.message).join('\n');
    expect(text).toContain('Port 8000 is TCP: port name "tcp"');
    expect(text).toMatch(/rule 0 uses HTTP-only fields \(methods\).*skips the whole rule/);
    expect(text).toContain('(52) Empty reply from server');
  });
  it('says which fields a DENY lost', async () => {
    const { trace } = await createMesh(sidecarWorld([denyPostFrom(BAR)])).evaluate(req('bar/curl', URL));
    expect(trace.map((t) => t.message).join('\n')).toMatch(/rule 0 uses HTTP-only fields \(methods\).*matches more connections/);
  });
  it('passes the app response unchanged: no Envoy rewrites it on a TCP port', async () => {
    const { outcome } = await createMesh(sidecarWorld()).evaluate(req('bar/curl', URL));
    expect(outcome.kind === 'response' && outcome.headers.some(([k]) => k === 'server')).toBe(false);
  });
});
