// `npm run bench -- sim`: start-up time of the embedded cluster, requests/s for get, list and
// server-side apply (keep-alive HTTPS; client-node as shipped, which opens a TLS connection per request;
// and the runner's client, which keeps them alive), and the wall time of a curl through exec.
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import * as k8s from '@kubernetes/client-node';
import { parse } from 'yaml';
import { createKubeClient } from '../../src/cluster/client.ts';
import { startDetachedCluster, stopDetachedCluster } from '../../src/cluster/providers/embedded.ts';
import { startEmbeddedCluster, type EmbeddedCluster } from '../../src/sim/index.ts';

type Call = (method: string, path: string, body?: unknown, contentType?: string) => Promise<number>;

function keepAliveClient(cluster: EmbeddedCluster): Call {
  const config = parse(cluster.kubeconfig);
  const agent = new Agent({ keepAlive: true, ca: Buffer.from(config.clusters[0].cluster['certificate-authority-data'], 'base64') });
  const token = String(config.users[0].user.token);
  return (method, path, body, contentType = 'application/json') => new Promise((resolve, reject) => {
    const req = request(`${cluster.url}${path}`, { method, agent, headers: { Authorization: `Bearer ${token}`, 'Content-Type': contentType } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

async function rate(label: string, count: number, fn: (i: number) => Promise<unknown>): Promise<void> {
  const start = performance.now();
  for (let i = 0; i < count; i++) await fn(i);
  const seconds = (performance.now() - start) / 1000;
  console.log(`sim: ${label.padEnd(40)} ${Math.round(count / seconds)} req/s (${count} requests)`);
}

async function execCurl(kc: k8s.KubeConfig, url: string): Promise<void> {
  const out = new PassThrough();
  out.resume();
  await new Promise<void>((resolve, reject) => {
    new k8s.Exec(kc).exec('bench', 'client', 'client', ['curl', '-s', url], out, out, null, false, () => resolve()).catch(reject);
  });
}

const policy = (i: number): Record<string, unknown> => ({
  apiVersion: 'security.istio.io/v1', kind: 'AuthorizationPolicy', metadata: { name: `ap-${i % 30}`, namespace: 'bench' },
  spec: { action: 'ALLOW', rules: [{ from: [{ source: { principals: [`cluster.local/ns/bench/sa/sa-${i}`] } }] }] },
});

// Print the embedded cluster's figures.
export async function run(): Promise<void> {
  let start = performance.now();
  const cluster = await startEmbeddedCluster();
  console.log(`sim: start-up                                 ${(performance.now() - start).toFixed(0)} ms`);
  const call = keepAliveClient(cluster);
  const apply = (path: string, body: unknown): Promise<number> => call('PATCH', `${path}?fieldManager=labs&force=true`, body, 'application/apply-patch+yaml');
  await apply('/api/v1/namespaces/bench', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'bench', labels: { 'istio.io/dataplane-mode': 'ambient' } } });
  await apply('/apis/apps/v1/namespaces/bench/deployments/server', {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'server', namespace: 'bench' },
    spec: { replicas: 3, selector: { matchLabels: { app: 'server' } }, template: { metadata: { labels: { app: 'server' } }, spec: { containers: [{ name: 'server', image: 'docker.io/istio/examples-helloworld-v1:1.0', ports: [{ containerPort: 5000 }] }] } } },
  });
  await apply('/api/v1/namespaces/bench/services/server', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'server', namespace: 'bench' }, spec: { selector: { app: 'server' }, ports: [{ name: 'http', port: 5000 }] } });
  await call('POST', '/api/v1/namespaces/bench/pods', { metadata: { name: 'client' }, spec: { containers: [{ name: 'client', image: 'curlimages/curl', command: ['sleep', 'infinity'] }] } });
  await rate('get pod (keep-alive)', 2000, () => call('GET', '/api/v1/namespaces/bench/pods/client'));
  await rate('list pods -A (keep-alive)', 1000, () => call('GET', '/api/v1/pods'));
  await rate('apply AuthorizationPolicy (keep-alive)', 500, (i) => apply(`/apis/security.istio.io/v1/namespaces/bench/authorizationpolicies/ap-${i % 30}`, policy(i)));
  const kc = new k8s.KubeConfig();
  kc.loadFromString(cluster.kubeconfig);
  const core = kc.makeApiClient(k8s.CoreV1Api);
  await rate('get pod (client-node)', 300, () => core.readNamespacedPod({ name: 'client', namespace: 'bench' }));
  await execCurl(kc, 'http://server.bench:5000/hello');
  const runs = 50;
  start = performance.now();
  for (let i = 0; i < runs; i++) await execCurl(kc, 'http://server.bench:5000/hello');
  console.log(`sim: curl through exec (client-node)          ${((performance.now() - start) / runs).toFixed(1)} ms each (${runs} runs)`);
  // The runner's own client: client-node over one keep-alive agent per TLS identity (src/cluster/pooled-kubeconfig.ts).
  const client = createKubeClient(cluster.kubeconfig);
  const pod = { apiVersion: 'v1', kind: 'Pod', name: 'client', namespace: 'bench' };
  await rate('get pod (labs client, kept alive)', 1000, () => client.read(pod));
  start = performance.now();
  for (let i = 0; i < runs; i++) await client.exec({ namespace: 'bench', name: 'client', container: 'client' }, ['curl', '-s', 'http://server.bench:5000/hello']);
  console.log(`sim: curl through exec (labs client)          ${((performance.now() - start) / runs).toFixed(1)} ms each (${runs} runs)`);
  console.log(`sim: requests answered                        ${cluster.requestCount()}`);
  await cluster.stop();
  const home = mkdtempSync(join(tmpdir(), 'labs-bench-'));
  start = performance.now();
  await startDetachedCluster({ home, istio: '1.28.0' });
  console.log(`sim: labs up (detached process, until it answers) ${(performance.now() - start).toFixed(0)} ms`);
  await stopDetachedCluster({ home });
  rmSync(home, { recursive: true, force: true });
}
