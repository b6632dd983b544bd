import { request } from 'node:https';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedCluster, type EmbeddedCluster } from './index.ts';
import { readKubeconfigCredentials } from './kubeconfig.ts';

let cluster: EmbeddedCluster;
let ca: Buffer;
let token: string;

beforeAll(async () => {
  cluster = await startEmbeddedCluster();
  ({ ca, token } = readKubeconfigCredentials(cluster.kubeconfig));
  await send('POST', '/api/v1/namespaces/default/pods', { metadata: { name: 'sleep' }, spec: { containers: [{ name: 'sleep', image: 'curlimages/curl', command: ['sleep', 'infinity'] }] } });
});

afterAll(async () => {
  await cluster.stop();
});

function send(method: string, path: string, body?: unknown): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${cluster.url}${path}`, { method, ca, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

function frames(protocol: string, path: string, firstFrames: Buffer[] = []): Promise<{ protocol: string; frames: Buffer[] }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${cluster.url.replace('https', 'wss')}${path}`, [protocol], { ca, headers: { Authorization: `Bearer ${token}` } });
    const got: Buffer[] = [];
    ws.on('open', () => firstFrames.forEach((f) => ws.send(f)));
    ws.on('message', (d: Buffer) => got.push(d));
    ws.on('close', () => resolve({ protocol: ws.protocol, frames: got }));
    ws.on('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.on('error', reject);
  });
}

describe('watch', () => {
  it('replays only the events after the resourceVersion of a list, then ends at timeoutSeconds', async () => {
    const list = JSON.parse((await send('GET', '/api/v1/namespaces/default/configmaps')).text);
    await send('POST', '/api/v1/namespaces/default/configmaps', { metadata: { name: 'after' } });
    await send('DELETE', '/api/v1/namespaces/default/configmaps/after');
    const watched = await send('GET', `/api/v1/namespaces/default/configmaps?watch=true&timeoutSeconds=1&resourceVersion=${list.metadata.resourceVersion}`);
    const events = watched.text.trim().split('\n').map((l) => JSON.parse(l));
    expect(events.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(['ADDED after', 'DELETED after']);
  });

  it('starts with ADDED for every existing object without a resourceVersion', async () => {
    const watched = await send('GET', '/api/v1/namespaces?watch=1&timeoutSeconds=1');
    const names = watched.text.trim().split('\n').map((l) => JSON.parse(l)).map((e) => `${e.type} ${e.object.metadata.name}`);
    expect(names).toEqual(['ADDED default', 'ADDED istio-system', 'ADDED kube-node-lease', 'ADDED kube-public', 'ADDED kube-system']);
  });
});

describe('namespace deletion', () => {
  it('turns the namespace Terminating, then removes it and its contents while clients keep polling', async () => {
    await send('POST', '/api/v1/namespaces', { metadata: { name: 'short-lived' } });
    await send('POST', '/api/v1/namespaces/short-lived/configmaps', { metadata: { name: 'inside' } });
    const deleted = JSON.parse((await send('DELETE', '/api/v1/namespaces/short-lived')).text);
    expect(deleted.status.phase).toBe('Terminating');
    expect((await send('GET', '/api/v1/namespaces/short-lived/configmaps/inside')).status).toBe(200);
    let status = 200;
    for (let i = 0; i < 100 && status === 200; i++) {
      await new Promise((r) => setTimeout(r, 30));
      status = (await send('GET', '/api/v1/namespaces/short-lived')).status;
    }
    expect(status).toBe(404);
    expect((await send('GET', '/api/v1/namespaces/short-lived/configmaps/inside')).status).toBe(404);
  });
});

describe('watch as Table', () => {
  it('sends each event object as a one-row Table when kubectl get -w asks for Tables', async () => {
    const watched = await new Promise<string>((resolve, reject) => {
      const req = request(`${cluster.url}/api/v1/namespaces/default/pods?watch=true&timeoutSeconds=1`, { ca, headers: { Authorization: `Bearer ${token}`, Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' } }, (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve(text));
      });
      req.on('error', reject);
      req.end();
    });
    const event = JSON.parse(watched.trim().split('\n')[0] ?? '{}');
    expect(event.type).toBe('ADDED');
    expect(event.object.kind).toBe('Table');
    expect(event.object.rows[0].cells.slice(0, 3)).toEqual(['sleep', '1/1', 'Running']);
  });
});

describe('exec over WebSocket', () => {
  const exec = (command: string[], extra = ''): string => `/api/v1/namespaces/default/pods/sleep/exec?${command.map((c) => `command=${encodeURIComponent(c)}`).join('&')}&stdout=true&stderr=true${extra}`;

  it('answers v5 with stdout on stream 1 and the exit status on stream 3', async () => {
    const r = await frames('v5.channel.k8s.io', exec(['sh', '-c', 'echo hi; exit 3']));
    expect(r.protocol).toBe('v5.channel.k8s.io');
    expect(r.frames.map((f) => [f[0], f.subarray(1).toString()])).toEqual([
      [1, 'hi\n'],
      [3, JSON.stringify({ metadata: {}, status: 'Failure', message: 'command terminated with non-zero exit code: error executing command [sh -c echo hi; exit 3], exit code 3', reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: '3' }] } })],
    ]);
  });

  it('falls back to v4 when the client offers only that', async () => {
    const r = await frames('v4.channel.k8s.io', exec(['echo', 'ok']));
    expect(r.protocol).toBe('v4.channel.k8s.io');
    expect(r.frames.map((f) => f[0])).toEqual([1, 3]);
  });

  it('reads stdin until the client closes stream 0 (v5)', async () => {
    const r = await frames('v5.channel.k8s.io', exec(['cat'], '&stdin=true'), [Buffer.from([0, ...Buffer.from('typed\n')]), Buffer.from([255, 0])]);
    expect(r.frames[0]?.subarray(1).toString()).toBe('typed\n');
  });

  it('refuses a pod that does not exist before upgrading', async () => {
    await expect(frames('v5.channel.k8s.io', '/api/v1/namespaces/default/pods/nope/exec?command=true')).rejects.toThrow('HTTP 404');
  });
});
