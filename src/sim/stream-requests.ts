// The checks the API server makes on a pods/exec or pods/attach request before it upgrades the
// connection (pkg/registry/core/pod/strategy.go streamLocation: the pod, then the container), and
// the embedded cluster's own limits on attach. Every attempt gets the same answer, whether it
// comes as a WebSocket upgrade or as kubectl's SPDY retry after a refused WebSocket.
import type { Duplex } from 'node:stream';
import type { KubeObject } from '../mesh/types.ts';
import { kindNamed, resourceOf, type SimCluster } from './cluster.ts';
import { commandOf } from './container-command.ts';
import { containerKey } from './controllers/container-runs.ts';
import { ApiError, badRequest, statusBody, streamingRefusal } from './errors.ts';

export interface StreamRequest {
  namespace: string;
  pod: string;
  query: URLSearchParams;
  attach: boolean;
}

// A request that passed the checks: the pod, its container, and the command (exec) or the
// container's own command (attach).
export interface StreamTarget {
  pod: KubeObject;
  container: string;
  argv: string[];
}

const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 404: 'Not Found' };

// Answer an upgrade request with a Status instead of switching protocols.
export function refuseUpgrade(socket: Duplex, err: ApiError): void {
  const body = JSON.stringify(statusBody(err));
  socket.end(`HTTP/1.1 ${err.code} ${STATUS_TEXT[err.code] ?? 'Bad Request'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

// Whether argv reads stdin to the end (cat without files, a shell without -c).
export function readsStdin(argv: string[]): boolean {
  const name = (argv[0] ?? '').split('/').pop() ?? '';
  if (name === 'cat') return argv.length === 1;
  return ['sh', 'bash', 'ash'].includes(name) && argv[1] !== '-c';
}

// Whether an attach with stdin meets a container whose command waits for input (kubectl run -it … -- sh).
export function isInteractiveAttach(cluster: SimCluster, target: StreamTarget, query: URLSearchParams): boolean {
  return query.get('stdin') === 'true' && readsStdin(target.argv) && !cluster.runs.has(containerKey(target.pod, target.container));
}

// Check an exec or attach request; throws the ApiError the server answers with.
export function checkStreamRequest(cluster: SimCluster, r: StreamRequest): StreamTarget {
  const pod = cluster.store.get(resourceOf(kindNamed('', 'Pod')), r.namespace, r.pod);
  if (!pod) throw new ApiError({ code: 404, reason: 'NotFound', message: `pods "${r.pod}" not found`, details: { name: r.pod, kind: 'pods' } });
  const containers = (pod.spec?.containers ?? []) as any[];
  const container = r.query.get('container') || String(containers[0]?.name ?? '');
  const spec = [...containers, ...((pod.spec?.initContainers ?? []) as any[])].find((c) => c.name === container);
  if (!spec) throw badRequest(`container ${container} is not valid for pod ${pod.metadata.name}`);
  if (!r.attach) {
    const argv = r.query.getAll('command');
    if (argv.length === 0) throw badRequest('you must specify at least 1 command');
    return { pod, container, argv };
  }
  const target = { pod, container, argv: commandOf(spec) ?? [] };
  if (!cluster.runs.has(containerKey(pod, container)) && !isInteractiveAttach(cluster, target, r.query)) throw badRequest(streamingRefusal('attach'));
  return target;
}

// The answer to a valid exec or attach request that did not ask for a WebSocket.
export function spdyRefusal(r: StreamRequest): ApiError {
  return badRequest(streamingRefusal(r.attach ? 'spdy-attach' : 'spdy'));
}
