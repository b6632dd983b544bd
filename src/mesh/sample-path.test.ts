import { describe, expect, it } from 'vitest';
import { createMesh } from './mesh.ts';
import { helloworld, httpbin, ns, pod, svc } from './testing/world.ts';

// The reachability matrix asks for one request per Service port; the path must be one the app serves, or every
// cell reads 404 and hides what the policies do.
describe('the sample path of a Service port', () => {
  const objects = [
    ns('demo'),
    ...helloworld('demo'),
    ...httpbin('demo'),
    svc('demo', 'db', { selector: { app: 'db' }, ports: [{ port: 3306, name: 'tcp-mysql' }] }),
    pod('demo', 'db-0', { labels: { app: 'db' }, image: 'quay.io/kiali/demo_travels_mysqldb:v1', ports: [3306] }),
    svc('demo', 'echo', { selector: { app: 'echo' }, ports: [{ port: 80 }] }),
    pod('demo', 'echo-0', { labels: { app: 'echo' }, image: 'example.com/some-server:1', ports: [80] }),
    svc('demo', 'nobody', { selector: { app: 'nobody' }, ports: [{ port: 80 }] }),
  ];
  const mesh = createMesh(objects);

  it.each([
    ['helloworld', 5000, '/hello'],
    ['httpbin', 8000, '/get'],
    ['echo', 80, '/'], // an unknown image is an echo server: it answers any path
  ])('is the path the app behind %s:%i answers: %s', (name, port, path) => {
    expect(mesh.samplePath({ namespace: 'demo', name }, port)).toBe(path);
  });

  it('is undefined without a ready endpoint, on a port the Service lacks, or for a server that does not speak HTTP', () => {
    expect(mesh.samplePath({ namespace: 'demo', name: 'nobody' }, 80)).toBeUndefined();
    expect(mesh.samplePath({ namespace: 'demo', name: 'helloworld' }, 9999)).toBeUndefined();
    expect(mesh.samplePath({ namespace: 'demo', name: 'db' }, 3306)).toBeUndefined();
  });

  it('answers the sample path with 200', async () => {
    const from = { namespace: 'demo', pod: 'echo-0' };
    for (const [name, port] of [['helloworld', 5000], ['httpbin', 8000]] as const) {
      const path = mesh.samplePath({ namespace: 'demo', name }, port)!;
      const { outcome } = await mesh.evaluate({ from, url: `http://${name}.demo:${port}${path}`, method: 'GET', headers: {}, now: 0 });
      expect(outcome).toMatchObject({ kind: 'response', status: 200 });
    }
  });
});
