// The HTTPS API server on 127.0.0.1: bearer-token auth, discovery, OpenAPI, resources, watch,
// and exec upgrades, each answer a Kubernetes object or Status.
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { timingSafeEqual } from 'node:crypto';
import type { SimCluster } from './cluster.ts';
import { finalizeNamespace } from './deletion.ts';
import {
  AGGREGATED_CONTENT_TYPE, aggregatedDiscovery, coreVersions, groupDocument, groupList, resourceList, versionInfo, wantsAggregated,
} from './discovery.ts';
import { ApiError, badRequest, pageNotFound, statusBody, streamingRefusal } from './errors.ts';
import { handleResource, type HandlerContext } from './handlers.ts';
import { sendError, sendJson } from './http-io.ts';
import { openApiDocument, openApiIndex } from './openapi.ts';
import { routeOf } from './routes.ts';
import { checkStreamRequest, refuseUpgrade, spdyRefusal } from './stream-requests.ts';
import type { ServingCert } from './tls.ts';

export interface ExecUpgrade {
  (options: { req: IncomingMessage; socket: Duplex; head: Buffer; namespace: string; pod: string; query: URLSearchParams; attach: boolean }): void;
}

const NAMESPACE_FINALIZE_DELAY_MS = 150;
const NAMESPACE_FINALIZE_MAX_MS = 1000;

// The HTTPS server of one embedded cluster.
export class ApiServer {
  private readonly server: Server;
  private requests = 0;
  private readonly closing = new Set<() => void>();
  private readonly terminating = new Set<string>();
  private finalizeTimer: NodeJS.Timeout | undefined;
  private finalizeDeadline: number | undefined;
  private readonly ctx: HandlerContext;

  constructor(private readonly options: { cluster: SimCluster; cert: ServingCert; token: string; exec: ExecUpgrade }) {
    this.server = createServer({ cert: options.cert.cert, key: options.cert.key });
    this.ctx = { cluster: options.cluster, closing: this.closing, onNamespaceTerminating: (name) => this.terminating.add(name) };
    this.server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      this.handle(req, res).catch((err: unknown) => sendError(res, err));
    });
    this.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      try {
        this.upgrade(req, socket, head);
      } catch {
        socket.destroy();
      }
    });
    this.server.on('clientError', (_err, socket) => socket.destroy());
  }

  // Listen on 127.0.0.1 at a random port; resolves with the URL.
  async listen(port = 0): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => resolve());
    });
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('embedded cluster: no TCP address');
    return `https://127.0.0.1:${address.port}`;
  }

  requestCount(): number {
    return this.requests;
  }

  // Close watches and connections and stop listening.
  async close(): Promise<void> {
    clearTimeout(this.finalizeTimer);
    for (const finish of [...this.closing]) finish();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private authorized(req: IncomingMessage): boolean {
    const header = req.headers.authorization ?? '';
    const expected = Buffer.from(`Bearer ${this.options.token}`);
    const given = Buffer.from(header);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  // Namespaces finish terminating once DELETEs stop arriving (at most a second later), so a
  // `kubectl delete -f` of a namespace and its contents sees each object before the namespace
  // controller removes it, and polling clients never hold it back.
  private scheduleFinalize(): void {
    if (this.terminating.size === 0) return;
    const now = Date.now();
    this.finalizeDeadline ??= now + NAMESPACE_FINALIZE_MAX_MS;
    clearTimeout(this.finalizeTimer);
    this.finalizeTimer = setTimeout(() => {
      this.finalizeDeadline = undefined;
      for (const name of [...this.terminating]) {
        this.terminating.delete(name);
        try {
          finalizeNamespace(this.options.cluster, name);
        } catch {
          // A controller failed while removing the contents; the namespace stays Terminating, as a stuck one would.
        }
      }
    }, Math.max(0, Math.min(NAMESPACE_FINALIZE_DELAY_MS, this.finalizeDeadline - now)));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.requests++;
    if (!this.authorized(req)) {
      req.resume();
      sendJson(res, 401, statusBody(new ApiError({ code: 401, reason: 'Unauthorized', message: 'Unauthorized' })));
      return;
    }
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    try {
      await this.dispatch(req, res, url);
    } finally {
      if (req.method === 'DELETE') this.scheduleFinalize();
    }
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const route = routeOf(url.pathname);
    const accept = req.headers.accept;
    const json = (body: unknown, contentType?: string): void => sendJson(res, 200, body, contentType ? { contentType } : {});
    if (route.type !== 'resource' && route.type !== 'not-found' && req.method !== 'GET' && req.method !== 'HEAD') throw new ApiError({ code: 405, reason: 'MethodNotAllowed', message: 'the server does not allow this method on the requested resource' });
    switch (route.type) {
      case 'version': return json(versionInfo());
      case 'health': res.writeHead(200, { 'Content-Type': 'text/plain' }); res.end('ok'); return;
      case 'core-versions': return wantsAggregated(accept) ? json(aggregatedDiscovery(true), AGGREGATED_CONTENT_TYPE) : json(coreVersions(req.headers.host ?? '127.0.0.1'));
      case 'groups': return wantsAggregated(accept) ? json(aggregatedDiscovery(false), AGGREGATED_CONTENT_TYPE) : json(groupList());
      case 'group': { const doc = groupDocument(route.group); if (!doc) throw pageNotFound(); return json(doc); }
      case 'resource-list': { const doc = resourceList(route.group, route.version); if (!doc) throw pageNotFound(); return json(doc); }
      case 'openapi-index': return json(openApiIndex());
      case 'openapi': { const doc = openApiDocument(route.path); if (!doc) throw pageNotFound(); return json(doc); }
      case 'resource': return handleResource(this.ctx, route.target, req, res, url.searchParams);
      case 'not-found': throw pageNotFound();
    }
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.requests++;
    if (!this.authorized(req)) return refuseUpgrade(socket, new ApiError({ code: 401, reason: 'Unauthorized', message: 'Unauthorized' }));
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    const route = routeOf(url.pathname);
    if (route.type !== 'resource' || route.target.info.kind !== 'Pod' || (route.target.subresource !== 'exec' && route.target.subresource !== 'attach')) {
      return refuseUpgrade(socket, badRequest(streamingRefusal(route.type === 'resource' ? route.target.subresource : undefined)));
    }
    const stream = { namespace: route.target.namespace ?? 'default', pod: route.target.name ?? '', query: url.searchParams, attach: route.target.subresource === 'attach' };
    if (req.method !== 'GET' || String(req.headers.upgrade ?? '').toLowerCase() !== 'websocket') {
      // kubectl retries a refused WebSocket over SPDY: answer with the same checks as the first attempt.
      try {
        checkStreamRequest(this.options.cluster, stream);
      } catch (err) {
        if (err instanceof ApiError) return refuseUpgrade(socket, err);
        throw err;
      }
      return refuseUpgrade(socket, spdyRefusal(stream));
    }
    this.options.exec({ req, socket, head, ...stream });
  }
}
