import { describe, expect, it } from 'vitest';
import { injectSidecar, shouldInjectSidecar } from './sidecar.ts';
import { ns, pod } from './testing/world.ts';
import { hasSidecar } from './workload.ts';

const rows: Array<{ name: string; ns: Record<string, string>; labels: Record<string, string>; annotations: Record<string, string>; inject: boolean }> = [
  { name: '[mutatingwebhook.yaml namespace.] istio-injection=enabled injects', ns: { 'istio-injection': 'enabled' }, labels: {}, annotations: {}, inject: true },
  { name: '[mutatingwebhook.yaml] istio-injection=disabled never injects, even with the pod label', ns: { 'istio-injection': 'disabled' }, labels: { 'sidecar.istio.io/inject': 'true' }, annotations: {}, inject: false },
  { name: '[mutatingwebhook.yaml object.] a pod label inject=true in an unlabelled namespace injects', ns: {}, labels: { 'sidecar.istio.io/inject': 'true' }, annotations: {}, inject: true },
  { name: '[mutatingwebhook.yaml] a pod label inject=false opts out of an enabled namespace', ns: { 'istio-injection': 'enabled' }, labels: { 'sidecar.istio.io/inject': 'false' }, annotations: {}, inject: false },
  { name: '[inject.go injectRequired] the annotation inject=false opts out of an enabled namespace', ns: { 'istio-injection': 'enabled' }, labels: {}, annotations: { 'sidecar.istio.io/inject': 'false' }, inject: false },
  { name: '[mutatingwebhook.yaml rev.namespace.] istio.io/rev=default injects', ns: { 'istio.io/rev': 'default' }, labels: {}, annotations: {}, inject: true },
  { name: '[mutatingwebhook.yaml] the annotation alone does not reach the webhook in an unlabelled namespace', ns: {}, labels: {}, annotations: { 'sidecar.istio.io/inject': 'true' }, inject: false },
  { name: '[mutatingwebhook.yaml] an ambient namespace does not inject', ns: { 'istio.io/dataplane-mode': 'ambient' }, labels: {}, annotations: {}, inject: false },
];

describe('shouldInjectSidecar', () => {
  it.each(rows)('$name', (row) => {
    const p = pod('app', 'web', { labels: row.labels, annotations: row.annotations });
    expect(shouldInjectSidecar(p, ns('app', row.ns))).toBe(row.inject);
  });

  it('never injects into kube-system ([initializer.go IgnoredNamespaces])', () => {
    expect(shouldInjectSidecar(pod('kube-system', 'x', { labels: { 'sidecar.istio.io/inject': 'true' } }), ns('kube-system'))).toBe(false);
  });
});

describe('injectSidecar', () => {
  it('adds istio-proxy, the status annotation and the labels the injection template writes', () => {
    const out = injectSidecar(pod('app', 'web-1', { labels: { app: 'web', version: 'v2' }, image: 'nginx:1.27' }));
    expect(hasSidecar(out)).toBe(true);
    expect((out.spec.containers as Array<{ name: string }>).map((c) => c.name)).toEqual(['web', 'istio-proxy']);
    expect(out.metadata.labels).toMatchObject({
      'security.istio.io/tlsMode': 'istio', 'networking.istio.io/tunnel': 'http',
      'service.istio.io/canonical-name': 'web', 'service.istio.io/canonical-revision': 'v2',
    });
    expect(out.metadata.annotations?.['sidecar.istio.io/status']).toContain('istio-proxy');
  });

  it('writes no HBONE tunnel label under the default profile', () => {
    const out = injectSidecar(pod('app', 'web-1', { labels: { app: 'web' } }), { profile: 'default' });
    expect(out.metadata.labels?.['networking.istio.io/tunnel']).toBeUndefined();
  });
});
