// pods/exec over WebSocket (v5.channel.k8s.io, falling back to v4): byte 0 of each message is
// the stream (0 stdin, 1 stdout, 2 stderr, 3 status, 255 close); the exit code travels as a
// Status on stream 3 (k8s.io/apimachinery/pkg/util/remotecommand, kubelet cri streaming).
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Mesh } from '../mesh/types.ts';
import type { ExecUpgrade } from './api-server.ts';
import { resourceOf, kindNamed, type SimCluster } from './cluster.ts';
import { ApiError } from './errors.ts';
import { containerKey, endContainer } from './controllers/container-runs.ts';
import { checkStreamRequest, isInteractiveAttach, readsStdin, refuseUpgrade, type StreamTarget } from './stream-requests.ts';
import { runCommand } from './shell.ts';

const PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];

function exitStatus(argv: string[], code: number): Record<string, unknown> {
  if (code === 0) return { metadata: {}, status: 'Success' };
  return {
    metadata: {}, status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command [${argv.join(' ')}], exit code ${code}`,
    reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
  };
}

// The Status that ends an interactive session at once. A Failure without an exit code reaches the
// user as "error: <message>" with exit code 1 (client-go tools/remotecommand errorDecoderV4).
function interactiveFailure(target: StreamTarget, verb: 'exec' | 'attach'): Record<string, unknown> {
  const { pod, argv } = target;
  const where = `${pod.metadata.namespace}/${pod.metadata.name}`;
  const name = pod.metadata.name;
  const ns = pod.metadata.namespace === 'default' ? '' : ` -n ${pod.metadata.namespace}`;
  const message = verb === 'exec'
    ? `labs: the embedded cluster has no interactive shell: "${argv.join(' ')}" in pod ${where} cannot read a terminal. Run one command with: kubectl exec ${name}${ns} -- sh -c '<commands>', or pipe commands in without -t: echo '<commands>' | kubectl exec -i ${name}${ns} -- sh`
    : `labs: the embedded cluster has no interactive shell: "${argv.join(' ')}" in pod ${where} cannot read input, so it exited with code 1. Give the container its commands instead: kubectl run NAME --rm -i --restart=Never --image=IMAGE -- sh -c '<commands>', or use kubectl exec POD -- sh -c '<commands>' on a running pod`;
  return { metadata: {}, status: 'Failure', message, reason: 'InternalError', details: { causes: [{ message }] } };
}

function frame(stream: number, text: string): Buffer {
  return Buffer.concat([Buffer.from([stream]), Buffer.from(text)]);
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

// Attach to a one-shot container: its output once it has run, then a success status. A shell
// waiting for input (kubectl run -it … -- sh) cannot run here: it ends at once, and the status says why.
function attach(options: { wss: WebSocketServer; cluster: SimCluster; target: StreamTarget; query: URLSearchParams; req: IncomingMessage; socket: Duplex; head: Buffer }): void {
  const { wss, cluster, target: { pod, container }, query } = options;
  const key = containerKey(pod, container);
  const run = cluster.runs.get(key);
  const interactive = isInteractiveAttach(cluster, options.target, query);
  wss.handleUpgrade(options.req, options.socket, options.head, (ws) => {
    if (interactive || !run) {
      // The container ends first, so `kubectl run --rm` finds the pod completed and deletes it.
      endContainer(cluster, { pod, container, exitCode: 1, log: '' });
      ws.send(frame(3, JSON.stringify(interactiveFailure(options.target, 'attach'))));
      ws.close(1000);
      return;
    }
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
    let target: StreamTarget;
    try {
      target = checkStreamRequest(cluster, options);
    } catch (err) {
      if (err instanceof ApiError) return refuseUpgrade(socket, err);
      throw err;
    }
    if (options.attach) return attach({ wss, cluster, target, query, req, socket, head });
    const { pod, container, argv } = target;
    wss.handleUpgrade(req, socket, head, (ws) => {
      const v5 = ws.protocol === 'v5.channel.k8s.io';
      const tty = query.get('tty') === 'true';
      if (tty && query.get('stdin') === 'true' && readsStdin(argv)) {
        // A terminal session never closes stdin, so waiting for it would hang: say what works instead.
        ws.send(frame(3, JSON.stringify(interactiveFailure(target, 'exec'))));
        ws.close(1000);
        return;
      }
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
