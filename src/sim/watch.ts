// Watch streams: one JSON event per line, headers flushed at once, resourceVersion replay,
// timeoutSeconds, and 410 Gone when the log no longer reaches back far enough.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KubeObject } from '../mesh/types.ts';
import { resourceOf, type SimCluster } from './cluster.ts';
import type { KindInfo } from './kinds.ts';
import { present, wantsTable } from './presentation.ts';
import { matchesFields, matchesRequirements, type FieldRequirement, type Requirement } from './selectors.ts';
import type { StoreEvent } from './store.ts';
import { toTable } from './table.ts';

export interface WatchRequest {
  cluster: SimCluster;
  info: KindInfo;
  version: string;
  namespace: string | undefined;
  labels: Requirement[];
  fields: FieldRequirement[];
  resourceVersion: string | null;
  timeoutSeconds: number;
  accept: string | undefined;
}

// Stream events for one resource until the timeout, the client leaving, or the server stopping.
export function serveWatch(req: IncomingMessage, res: ServerResponse, w: WatchRequest, closing: Set<() => void>): void {
  const resource = resourceOf(w.info);
  const table = wantsTable(w.accept);
  const matches = (obj: KubeObject): boolean =>
    (w.namespace === undefined || obj.metadata.namespace === w.namespace)
    && matchesRequirements(obj.metadata.labels, w.labels) && matchesFields(obj, w.fields);
  const render = (obj: KubeObject): unknown => {
    const out = present(obj, w.info, w.version);
    return table ? toTable({ objects: [out], info: w.info, now: w.cluster.now(), resourceVersion: String(out.metadata.resourceVersion), includeObject: 'Object' }) : out;
  };
  const send = (type: string, obj: unknown): void => {
    if (!res.writableEnded && !res.destroyed) res.write(`${JSON.stringify({ type, object: obj })}\n`);
  };
  res.writeHead(200, { 'Content-Type': table ? 'application/json;as=Table;v=v1;g=meta.k8s.io' : 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();
  const onEvent = (e: StoreEvent): void => {
    if (e.resource === resource && matches(e.object)) send(e.type, render(e.object));
  };
  const since = w.resourceVersion === null || w.resourceVersion === '' || w.resourceVersion === '0' ? undefined : Number(w.resourceVersion);
  if (since === undefined) {
    for (const obj of w.cluster.store.list(resource, w.namespace)) if (matches(obj)) send('ADDED', render(obj));
  } else {
    const events = w.cluster.store.eventsSince(since);
    if (!events) {
      send('ERROR', { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `too old resource version: ${since} (${w.cluster.store.currentVersion()})`, reason: 'Expired', code: 410 });
      res.end();
      return;
    }
    for (const e of events) onEvent(e);
  }
  const unsubscribe = w.cluster.store.subscribe(onEvent);
  const finish = (): void => {
    clearTimeout(timer);
    unsubscribe();
    closing.delete(finish);
    if (!res.writableEnded) res.end();
  };
  const timer = setTimeout(finish, Math.max(1, w.timeoutSeconds) * 1000);
  closing.add(finish);
  req.on('close', finish);
  res.on('close', finish);
}
