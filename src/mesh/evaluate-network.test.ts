import { describe, expect, it } from 'vitest';
import { createMesh } from './mesh.ts';
import { expectRow, type Row } from './testing/run.ts';
import { ambientNs, ap, curlPod, helloworld, httpbin, np, ns, pod, req, svc } from './testing/world.ts';
import type { KubeObject } from './types.ts';

function world(extra: KubeObject[] = []): KubeObject[] {
  return [ns('istio-system'), ns('hello'), ns('test', { team: 'qa' }), ns('other'), ...helloworld('hello'), curlPod('test'), curlPod('other'), curlPod('hello', 'local'), ...extra];
}

const denyAllIngress = np('hello', 'deny-all', { podSelector: {}, policyTypes: ['Ingress'] });

const dns: Row[] = [
  { name: '[kubelet dns.go search path] a short name resolves in the pod\'s own namespace', objects: world(), request: req('hello/local', 'http://helloworld:5000/hello'), expected: { status: 200 } },
  { name: '[kubelet dns.go search path] svc.ns resolves through svc.cluster.local', objects: world(), request: req('test/curl', 'http://helloworld.hello:5000/hello'), expected: { status: 200 } },
  { name: '[kubelet dns.go search path] svc.ns.svc resolves through cluster.local', objects: world(), request: req('test/curl', 'http://helloworld.hello.svc:5000/hello'), expected: { status: 200 } },
  { name: '[curl] a URL without a scheme is http', objects: world(), request: req('test/curl', 'helloworld.hello.svc.cluster.local:5000/hello'), expected: { status: 200 } },
  { name: '[kubelet dns.go] a short name from another namespace does not resolve: curl exit 6', objects: world(), request: req('test/curl', 'http://helloworld:5000/hello'), expected: { error: 'dns' } },
  { name: '[kube-proxy] a pod IP is reachable directly', objects: world(), request: req('test/curl', 'http://POD_IP:5000/hello'), expected: { status: 200 } },
  { name: '[kube-proxy] a cluster IP reaches the Service', objects: world(), request: req('test/curl', 'http://SVC_IP:5000/hello'), expected: { status: 200 } },
  { name: '[kube-proxy] a port the Service does not expose times out', objects: world(), request: req('test/curl', 'http://helloworld.hello:8080/hello', { timeoutMs: 5000 }), expected: { error: 'timeout' } },
  { name: '[curl exit 7] nothing listens on the pod port: connection refused', objects: world(), request: req('test/curl', 'http://POD_IP:8080/'), expected: { error: 'refused' } },
  { name: '[ztunnel inbound.rs] nothing listens on an ambient pod port: reset', objects: [ns('istio-system'), ambientNs('hello'), ambientNs('test'), ...helloworld('hello'), curlPod('test')], request: req('test/curl', 'http://POD_IP:8080/'), expected: { error: 'reset' } },
  { name: '[kube-proxy REJECT] a Service with no ready endpoints refuses', objects: world([svc('hello', 'empty', { selector: { app: 'nobody' } })]), request: req('test/curl', 'http://empty.hello/'), expected: { error: 'refused' } },
  { name: '[kube-proxy] not-ready pods are not endpoints', objects: [ns('hello'), ns('test'), svc('hello', 'web', { selector: { app: 'web' } }), pod('hello', 'web-1', { labels: { app: 'web' }, image: 'nginx:1.27', ports: [80], ready: false }), curlPod('test')], request: req('test/curl', 'http://web.hello/'), expected: { error: 'refused' } },
  { name: '[k8s Service targetPort] a named targetPort maps to the container port', objects: [ns('hello'), ns('test'), svc('hello', 'web', { ports: [{ port: 8000, targetPort: 'http-web' }] }), pod('hello', 'web-1', { labels: { app: 'web' }, image: 'nginx:1.27', ports: [{ containerPort: 80, name: 'http-web' }] }), curlPod('test')], request: req('test/curl', 'http://web.hello:8000/'), expected: { status: 200, body: 'Welcome to nginx!' } },
  { name: '[kube dns headless] a headless Service name resolves to a ready pod IP', objects: [ns('hello'), ns('test'), { ...svc('hello', 'web'), spec: { selector: { app: 'web' }, clusterIP: 'None', ports: [{ port: 80 }] } }, pod('hello', 'web-0', { labels: { app: 'web' }, image: 'nginx:1.27', ports: [80] }), curlPod('test')], request: req('test/curl', 'http://web.hello/'), expected: { status: 200, body: 'Welcome to nginx!' } },
  { name: '[curl] localhost is the pod itself: nothing listens in the curl pod', objects: world(), request: req('test/curl', 'http://localhost/'), expected: { error: 'refused' } },
];

const netpol: Row[] = [
  { name: '[k8s NetworkPolicy] deny-all ingress drops the SYN: curl exit 28', objects: world([denyAllIngress]), request: req('test/curl', 'http://helloworld.hello:5000/hello', { timeoutMs: 3000 }), expected: { error: 'timeout' } },
  { name: '[k8s NetworkPolicy] namespaceSelector admits the labelled namespace', objects: world([denyAllIngress, np('hello', 'allow-qa', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'qa' } } }] }] })]), request: req('test/curl', 'http://helloworld.hello:5000/hello'), expected: { status: 200 } },
  { name: '[k8s NetworkPolicy] namespaceSelector keeps other namespaces out', objects: world([np('hello', 'allow-qa', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'qa' } } }] }] })]), request: req('other/curl', 'http://helloworld.hello:5000/hello'), expected: { error: 'timeout' } },
  { name: '[k8s NetworkPolicy] podSelector peers are pods of the policy namespace', objects: world([np('hello', 'same-ns', { podSelector: {}, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'curl' } } }] }] })]), request: req('hello/local', 'http://helloworld:5000/hello'), expected: { status: 200 } },
  { name: '[k8s NetworkPolicy] ports restrict the allowed port', objects: world([np('hello', 'port', { podSelector: {}, ingress: [{ ports: [{ port: 8080 }] }] })]), request: req('test/curl', 'http://helloworld.hello:5000/hello'), expected: { error: 'timeout' } },
  { name: '[k8s NetworkPolicy] ipBlock admits the client pod CIDR', objects: world([np('hello', 'cidr', { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '10.244.0.0/16' } }] }] })]), request: req('test/curl', 'http://helloworld.hello:5000/hello'), expected: { status: 200 } },
  { name: '[k8s NetworkPolicy] egress isolation of the client drops the SYN', objects: world([np('test', 'no-egress', { podSelector: {}, policyTypes: ['Egress'] })]), request: req('test/curl', 'http://helloworld.hello:5000/hello'), expected: { error: 'timeout' } },
  { name: '[docs ambient/usage/networkpolicy; ztunnel proxy.rs CONNECTION_TIMEOUT] ambient traffic arrives on 15008: allowing only 5000 drops it, and ztunnel resets curl after its 10 s connect timeout', objects: [ns('istio-system'), ambientNs('hello'), ambientNs('test'), ...helloworld('hello'), curlPod('test'), np('hello', 'port-5000', { podSelector: {}, ingress: [{ ports: [{ port: 5000 }] }] })], request: req('test/curl', 'http://helloworld.hello:5000/hello'), expected: { error: 'reset' } },
  { name: '[docs ambient/usage/networkpolicy] allowing 15008 lets ambient traffic in', objects: [ns('istio-system'), ambientNs('hello'), ambientNs('test'), ...helloworld('hello'), curlPod('test'), np('hello', 'hbone', { podSelector: {}, ingress: [{ ports: [{ port: 15008 }, { port: 5000 }] }] })], request: req('test/curl', 'http://helloworld.hello:5000/hello'), expected: { status: 200 } },
];

const apps: Row[] = [
  { name: '[samples/helloworld app.py] /health answers Helloworld is healthy', objects: world(), request: req('test/curl', 'http://helloworld.hello:5000/health'), expected: { status: 200, body: 'Helloworld is healthy' } },
  { name: '[samples/helloworld app.py] an unknown path is Flask\'s 404', objects: world(), request: req('test/curl', 'http://helloworld.hello:5000/nope'), expected: { status: 404 } },
  { name: '[go-httpbin] /status/418 answers 418', objects: [ns('foo'), ns('test'), ...httpbin('foo'), curlPod('test')], request: req('test/curl', 'http://httpbin.foo:8000/status/418'), expected: { status: 418 } },
  { name: '[go-httpbin] $PORT moves the listener', objects: [ns('foo'), ns('test'), svc('foo', 'hb', { ports: [{ port: 443, targetPort: 8443 }] }), pod('foo', 'hb-1', { labels: { app: 'hb' }, image: 'docker.io/mccutchen/go-httpbin:v2.15.0', env: [{ name: 'PORT', value: '8443' }], ports: [8443] }), curlPod('test')], request: req('test/curl', 'http://hb.foo:443/get'), expected: { status: 200, body: '"origin"' } },
  { name: '[hashicorp/http-echo] -listen and -text decide port and body', objects: [ns('foo'), ns('test'), svc('foo', 'pp', { ports: [{ port: 443, targetPort: 8443 }] }), { ...pod('foo', 'pp-1', { labels: { app: 'pp' }, image: 'docker.io/hashicorp/http-echo:1.0', ports: [8443] }), spec: { containers: [{ name: 'app', image: 'docker.io/hashicorp/http-echo:1.0', args: ['-listen=:8443', '-text=payment-processor v2'], ports: [{ containerPort: 8443 }] }] } }, curlPod('test')], request: req('test/curl', 'http://pp.foo:443/api/v2/payments/process'), expected: { status: 200, body: 'payment-processor v2' } },
  { name: '[go-httpbin] /headers echoes the request headers', objects: [ns('foo'), ns('test'), ...httpbin('foo'), curlPod('test')], request: req('test/curl', 'http://httpbin.foo:8000/headers', { headers: { 'X-Token': 'abc' } }), expected: { status: 200, body: '"X-Token"' } },
  { name: '[curl] a pod whose command is overridden to sleep serves nothing (lesson 001 nginx)', objects: [ns('web'), ns('test'), pod('web', 'nginx', { image: 'nginx', command: ['sleep', 'infinity'], ip: '10.244.9.9' }), curlPod('test')], request: req('test/curl', 'http://10.244.9.9/'), expected: { error: 'refused' } },
  { name: '[echo] an unknown image answers as an echo server on its declared port', objects: [ns('x'), ns('test'), svc('x', 'thing', { ports: [{ port: 80, targetPort: 3000 }] }), pod('x', 'thing-1', { labels: { app: 'thing' }, image: 'example.com/thing:1', ports: [3000] }), curlPod('test')], request: req('test/curl', 'http://thing.x/path'), expected: { status: 200, body: 'GET /path' } },
];

function fill(row: Row): Row {
  const hw = row.objects.find((o) => o.kind === 'Pod' && o.metadata.name.startsWith('helloworld-v1'));
  const s = row.objects.find((o) => o.kind === 'Service' && o.metadata.name === 'helloworld');
  const url = row.request.url.replace('POD_IP', hw?.status.podIP as string).replace('SVC_IP', s?.spec.clusterIP as string);
  return { ...row, request: { ...row.request, url } };
}

describe('DNS, Services and ports', () => {
  it.each(dns.map(fill))('$name', async (row) => expectRow(row));
});

describe('NetworkPolicy', () => {
  it.each(netpol)('$name', async (row) => expectRow(row));
});

describe('sample applications', () => {
  it.each(apps)('$name', async (row) => expectRow(row));
});

describe('load balancing and outcome details', () => {
  it('round-robins across helloworld v1 and v2 over repeated calls', async () => {
    const mesh = createMesh(world());
    const bodies = [];
    for (let i = 0; i < 4; i++) {
      const { outcome } = await mesh.evaluate(req('test/curl', 'http://helloworld.hello:5000/hello'));
      bodies.push(outcome.kind === 'response' ? outcome.body.slice(0, 21) : outcome.kind);
    }
    expect(bodies).toEqual(['Hello version: v1, in', 'Hello version: v2, in', 'Hello version: v1, in', 'Hello version: v2, in']);
  });

  it('writes Envoy\'s 403 exactly: 19-byte body, text/plain, server istio-envoy', async () => {
    const objects = [...world([ap('hello', 'deny', { action: 'DENY', rules: [{}] })])].map((o) => (o.kind === 'Pod' && o.metadata.namespace === 'hello' ? { ...o, metadata: { ...o.metadata, annotations: { 'sidecar.istio.io/status': '{}' } } } : o));
    const { outcome } = await createMesh(objects).evaluate(req('test/curl', 'http://helloworld.hello:5000/hello', { now: Date.UTC(2026, 0, 9, 12) }));
    expect(outcome).toEqual({
      kind: 'response', status: 403, statusText: 'Forbidden', httpVersion: '1.1', body: 'RBAC: access denied',
      headers: [['content-length', '19'], ['content-type', 'text/plain'], ['date', 'Fri, 09 Jan 2026 12:00:00 GMT'], ['server', 'istio-envoy']],
    });
  });

  it('sends no body with a HEAD answer, also when Envoy writes it', async () => {
    const objects = [...world([ap('hello', 'deny', { action: 'DENY', rules: [{}] })])].map((o) =>
      o.kind === 'Pod' && o.metadata.namespace === 'hello' ? { ...o, metadata: { ...o.metadata, annotations: { 'sidecar.istio.io/status': '{}' } } } : o,
    );
    const { outcome } = await createMesh(objects).evaluate(req('test/curl', 'http://helloworld.hello:5000/hello', { method: 'HEAD' }));
    expect(outcome.kind === 'response' && [outcome.status, outcome.body, outcome.headers[0]]).toEqual([403, '', ['content-length', '19']]);
  });

  it('reports a dropped SYN with the request timeout in curl\'s words', async () => {
    const { outcome } = await createMesh(world([denyAllIngress])).evaluate(req('test/curl', 'http://helloworld.hello:5000/hello', { timeoutMs: 5000 }));
    expect(outcome).toEqual({ kind: 'error', error: 'timeout', curlExit: 28, message: 'Connection timed out after 5000 milliseconds' });
  });

  it('names the unknown host in the DNS error', async () => {
    const { outcome } = await createMesh(world()).evaluate(req('test/curl', 'http://nope.hello:5000/'));
    expect(outcome).toEqual({ kind: 'error', error: 'dns', curlExit: 6, message: 'Could not resolve host: nope.hello' });
  });

  it('lets reviews v2 call ratings through the mesh and show stars, and shows the error when ratings denies it', async () => {
    const bookinfo = (extra: KubeObject[]): KubeObject[] => [
      ns('istio-system'), ns('bookinfo'), curlPod('bookinfo', 'frontend', { sa: 'frontend', sidecar: true }),
      svc('bookinfo', 'reviews', { ports: [{ port: 9080 }] }), svc('bookinfo', 'ratings', { ports: [{ port: 9080 }] }),
      pod('bookinfo', 'reviews-v2-1', { labels: { app: 'reviews' }, sa: 'reviews', image: 'docker.io/istio/examples-bookinfo-reviews-v2:1.20.3', ports: [9080], sidecar: true }),
      pod('bookinfo', 'ratings-v1-1', { labels: { app: 'ratings' }, sa: 'ratings', image: 'docker.io/istio/examples-bookinfo-ratings-v1:1.20.3', ports: [9080], sidecar: true }),
      ...extra,
    ];
    const ok = await createMesh(bookinfo([])).evaluate(req('bookinfo/frontend', 'http://reviews:9080/reviews/1'));
    expect(ok.outcome.kind === 'response' && ok.outcome.body).toContain('"stars": 5');
    const denyRatings = ap('bookinfo', 'ratings', { selector: { matchLabels: { app: 'ratings' } }, action: 'ALLOW', rules: [{ from: [{ source: { principals: ['cluster.local/ns/bookinfo/sa/admin'] } }] }] });
    const denied = await createMesh(bookinfo([denyRatings])).evaluate(req('bookinfo/frontend', 'http://reviews:9080/reviews/1'));
    expect(denied.outcome.kind === 'response' && denied.outcome.body).toContain('Ratings service is currently unavailable');
  });
});

// A NetworkPolicy drop seen from each kind of client (dropped.ts): who holds curl's socket decides what curl says.
describe('a dropped connection, as each client sees it', () => {
  const dropWorld = (client: KubeObject[]): KubeObject[] => [ns('istio-system'), ns('hello'), ...helloworld('hello'), ...client, denyAllIngress];
  const outcomeOf = async (objects: KubeObject[], from: string, timeoutMs?: number) =>
    (await createMesh(objects).evaluate(req(from, 'http://helloworld.hello:5000/hello', timeoutMs === undefined ? {} : { timeoutMs }))).outcome;

  it('[curl lib/multi.c] a client outside the mesh is still connecting: Connection timed out', async () => {
    expect(await outcomeOf(dropWorld([ns('test'), curlPod('test')]), 'test/curl', 5000)).toMatchObject({ error: 'timeout', curlExit: 28, message: 'Connection timed out after 5000 milliseconds' });
  });

  it('[curl lib/multi.c] an ambient client is connected to its ztunnel: Operation timed out, 0 bytes received', async () => {
    expect(await outcomeOf(dropWorld([ambientNs('test'), curlPod('test')]), 'test/curl', 5000)).toMatchObject({ error: 'timeout', curlExit: 28, message: 'Operation timed out after 5000 milliseconds with 0 bytes received' });
  });

  it('[retry.go DefaultPolicy; mesh.go connectTimeout] a sidecar client without -m gets 503 after three 10 s connect attempts', async () => {
    const outcome = await outcomeOf(dropWorld([ns('test'), curlPod('test', 'curl', { sidecar: true })]), 'test/curl');
    expect(outcome).toMatchObject({ kind: 'response', status: 503, body: 'upstream connect error or disconnect/reset before headers. retried and the latest reset reason: connection timeout' });
  });

  it('[curl lib/multi.c] a sidecar client with -m 20 gives up first: Operation timed out', async () => {
    expect(await outcomeOf(dropWorld([ns('test'), curlPod('test', 'curl', { sidecar: true })]), 'test/curl', 20_000)).toMatchObject({ error: 'timeout', message: 'Operation timed out after 20000 milliseconds with 0 bytes received' });
  });
});
