// pods/exec over WebSocket (v5.channel.k8s.io, falling back to v4): byte 0 of each message is
// the stream (0 stdin, 1 stdout, 2 stderr, 3 status, 255 close); the exit code travels as a
// Status on stream 3 (k8s.io/apimachinery/pkg/util/remotecommand, kubelet cri streaming).
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { KubeObject, Mesh } from '../mesh/types.ts';
import type { ExecUpgrade } from './api-server.ts';
import { resourceOf, kindNamed, type SimCluster } from './cluster.ts';
import { ApiError, statusBody, streamingRefusal } from './errors.ts';
import { containerKey } from './controllers/container-runs.ts';
import { runCommand } from './shell.ts';

const PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];

function refuse(socket: Duplex, err: ApiError): void {
  const body = JSON.stringify(statusBody(err));
  const text = err.code === 404 ? 'Not Found' : 'Bad Request';
  socket.end(`HTTP/1.1 ${err.code} ${text}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

function exitStatus(argv: string[], code: number): Record<string, unknown> {
  if (code === 0) return { metadata: {}, status: 'Success' };
  return {
    metadata: {}, status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command [${argv.join(' ')}], exit code ${code}`,
    reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
  };
}

function frame(stream: number, text: string): Buffer {
  return Buffer.concat([Buffer.from([stream]), Buffer.from(text)]);
}

// Whether the command reads stdin at all (cat without files, a shell without -c); others run at once.
function readsStdin(argv: string[]): boolean {
  const name = (argv[0] ?? '').split('/').pop() ?? '';
  if (name === 'cat') return argv.length === 1;
  return ['sh', 'bash', 'ash'].includes(name) && argv[1] !== '-c';
}

// Collect stdin until the client closes stream 0 (v5) or, for older protocols, not at all.
function collectStdin(ws: WebSocket, wanted: boolean, v5: boolean): Promise<string> {
  if (!wanted || !v5) return Promise.resolve('');
  return new Promise((resolve) => {
    let text = '';
    ws.on('message', (data: Buffer) => {
      if (data[0] === 0) text += data.subarray(1).toString();
      if (data[0] === 255 && data[1] === 0) resolve(text);
    });
    ws.on('close', () => resolve(text));
  });
}

// The cluster IP a pod's resolver gives for svc, svc.ns, svc.ns.svc and svc.ns.svc.cluster.local, or the IP itself.
export function resolveServiceHost(cluster: SimCluster, host: string, namespace: string): string | undefined {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) return host;
  const parts = host.replace(new RegExp(`\\.svc\\.${cluster.settings.clusterDomain.replace(/\./g, '\\.')}$|\\.svc$`), '').split('.');
  if (parts.length > 2) return undefined;
  const svc = cluster.store.get(resourceOf(kindNamed('', 'Service')), parts[1] ?? namespace, parts[0] ?? '');
  const ip = svc?.spec?.clusterIP;
  return typeof ip === 'string' && ip !== 'None' ? ip : undefined;
}

// Attach to a one-shot container: its output once it has run, then a success status.
function attach(options: { wss: WebSocketServer; cluster: SimCluster; pod: KubeObject; container: string; req: IncomingMessage; socket: Duplex; head: Buffer }): void {
  const { wss, cluster, pod, container } = options;
  const key = containerKey(pod, container);
  const run = cluster.runs.get(key);
  if (!run) return refuse(options.socket, new ApiError({ code: 400, reason: 'BadRequest', message: streamingRefusal('attach') }));
  wss.handleUpgrade(options.req, options.socket, options.head, (ws) => {
    void run.then(() => {
      if (ws.readyState !== ws.OPEN) return;
      const log = cluster.logs.get(key) ?? '';
      if (log) ws.send(frame(1, log));
      ws.send(frame(3, JSON.stringify({ metadata: {}, status: 'Success' })));
      ws.close(1000);
    });
  });
}

// The exec upgrade handler of one cluster.
export function createExecHandler(cluster: SimCluster): ExecUpgrade & { close(): void } {
  const wss = new WebSocketServer({ noServer: true, handleProtocols: (offered) => PROTOCOLS.find((p) => offered.has(p)) ?? false });
  let cached: { version: number; mesh: Mesh } | undefined;
  const mesh = (): Mesh => {
    const version = cluster.store.currentVersion();
    if (cached?.version !== version) cached = { version, mesh: cluster.mesh.createMesh(cluster.objects(), cluster.settings) };
    return cached.mesh;
  };
  const handler = (options: { req: IncomingMessage; socket: Duplex; head: Buffer; namespace: string; pod: string; query: URLSearchParams; attach: boolean }): void => {
    const { req, socket, head, namespace, query } = options;
    const pod = cluster.store.get(resourceOf(kindNamed('', 'Pod')), namespace, options.pod);
    if (!pod) return refuse(socket, new ApiError({ code: 404, reason: 'NotFound', message: `pods "${options.pod}" not found`, details: { name: options.pod, kind: 'pods' } }));
    const containers = ((pod.spec?.containers ?? []) as any[]).map((c) => String(c.name));
    const container = query.get('container') || (containers[0] ?? '');
    const argv = query.getAll('command');
    if (!containers.includes(container) && !((pod.spec?.initContainers ?? []) as any[]).some((c) => c.name === container)) {
      return refuse(socket, new ApiError({ code: 400, reason: 'BadRequest', message: `container ${container} is not valid for pod ${pod.metadata.name}` }));
    }
    if (options.attach) return attach({ wss, cluster, pod, container, req, socket, head });
    if (argv.length === 0) return refuse(socket, new ApiError({ code: 400, reason: 'BadRequest', message: 'you must specify at least 1 command' }));
    wss.handleUpgrade(req, socket, head, (ws) => {
      const v5 = ws.protocol === 'v5.channel.k8s.io';
      const tty = query.get('tty') === 'true';
      const abort = new AbortController();
      ws.on('close', () => abort.abort());
      ws.on('error', () => abort.abort());
      void (async () => {
        const stdin = await collectStdin(ws, query.get('stdin') === 'true' && readsStdin(argv), v5);
        const resolveHost = (host: string): string | undefined => resolveServiceHost(cluster, host, namespace);
        const result = await runCommand(argv, { pod, container, tty, stdin, mesh, now: cluster.now, signal: abort.signal, resolveHost })
          .catch((err: unknown) => ({ stdout: '', stderr: `labs: ${err instanceof Error ? err.message : String(err)}\n`, exitCode: 1 }));
        if (ws.readyState !== ws.OPEN) return;
        if (result.stdout && query.get('stdout') !== 'false') ws.send(frame(1, result.stdout));
        if (result.stderr && (tty || query.get('stderr') !== 'false')) ws.send(frame(tty ? 1 : 2, result.stderr));
        ws.send(frame(3, JSON.stringify(exitStatus(argv, result.exitCode))));
        ws.close(1000);
      })();
    });
  };
  return Object.assign(handler, { close: () => wss.close() });
}
