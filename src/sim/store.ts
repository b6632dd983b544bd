// The object store: every object by kind, namespace and name, one resourceVersion counter and
// an event log that watches replay from. Stored objects are never mutated; writes put new ones.
import { randomUUID } from 'node:crypto';
import type { KubeObject } from '../mesh/types.ts';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  type: WatchEventType;
  resource: string; // "group/plural"
  object: KubeObject;
  rv: number;
}

const LOG_LIMIT = 20_000;

// Objects of the embedded cluster with resourceVersion bookkeeping and change events.
export class ObjectStore {
  private readonly byResource = new Map<string, Map<string, KubeObject>>();
  private readonly log: StoreEvent[] = [];
  private readonly listeners = new Set<(e: StoreEvent) => void>();
  private rv = 100;
  private changes = 0;

  constructor(private readonly now: () => number) {}

  // The latest resourceVersion handed out.
  currentVersion(): number {
    return this.rv;
  }

  // A counter of writes, for controllers to see whether a pass changed anything.
  changeCount(): number {
    return this.changes;
  }

  get(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.byResource.get(resource)?.get(keyOf(namespace, name));
  }

  // Objects of one resource, in one namespace or all, sorted by namespace and name.
  list(resource: string, namespace?: string): KubeObject[] {
    const all = [...(this.byResource.get(resource)?.values() ?? [])];
    const picked = namespace === undefined ? all : all.filter((o) => o.metadata.namespace === namespace);
    return picked.sort(compareObjects);
  }

  // Every object in the store.
  all(): KubeObject[] {
    return [...this.byResource.values()].flatMap((m) => [...m.values()]);
  }

  // Store a new object: uid, creationTimestamp and resourceVersion are set here.
  create(resource: string, obj: KubeObject): KubeObject {
    const rv = ++this.rv;
    const stored: KubeObject = {
      ...obj,
      metadata: {
        ...obj.metadata,
        uid: obj.metadata.uid ?? randomUUID(),
        resourceVersion: String(rv),
        creationTimestamp: obj.metadata.creationTimestamp ?? timestamp(this.now()),
      },
    };
    this.mapOf(resource).set(keyOf(stored.metadata.namespace, stored.metadata.name), stored);
    this.emit({ type: 'ADDED', resource, object: stored, rv });
    return stored;
  }

  // Replace an existing object with a new version.
  update(resource: string, obj: KubeObject): KubeObject {
    const rv = ++this.rv;
    const stored: KubeObject = { ...obj, metadata: { ...obj.metadata, resourceVersion: String(rv) } };
    this.mapOf(resource).set(keyOf(stored.metadata.namespace, stored.metadata.name), stored);
    this.emit({ type: 'MODIFIED', resource, object: stored, rv });
    return stored;
  }

  // Remove an object; the DELETED event carries its last state with a new resourceVersion.
  remove(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const map = this.byResource.get(resource);
    const key = keyOf(namespace, name);
    const old = map?.get(key);
    if (!map || !old) return undefined;
    map.delete(key);
    const rv = ++this.rv;
    const gone: KubeObject = { ...old, metadata: { ...old.metadata, resourceVersion: String(rv) } };
    this.emit({ type: 'DELETED', resource, object: gone, rv });
    return gone;
  }

  // Events after resourceVersion `since`, or undefined when the log no longer reaches back that far.
  eventsSince(since: number): StoreEvent[] | undefined {
    const first = this.log[0];
    if (first && since < first.rv - 1 && this.log.length >= LOG_LIMIT) return undefined;
    return this.log.filter((e) => e.rv > since);
  }

  // Call fn for each event from now on; returns the unsubscribe function.
  subscribe(fn: (e: StoreEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private mapOf(resource: string): Map<string, KubeObject> {
    let map = this.byResource.get(resource);
    if (!map) {
      map = new Map();
      this.byResource.set(resource, map);
    }
    return map;
  }

  private emit(event: StoreEvent): void {
    this.changes++;
    this.log.push(event);
    if (this.log.length > LOG_LIMIT) this.log.splice(0, this.log.length - LOG_LIMIT);
    for (const fn of this.listeners) fn(event);
  }
}

function keyOf(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}

function compareObjects(a: KubeObject, b: KubeObject): number {
  const byte = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
  return byte(a.metadata.namespace ?? '', b.metadata.namespace ?? '') || byte(a.metadata.name, b.metadata.name);
}

// RFC 3339 in seconds, as Kubernetes writes metav1.Time.
export function timestamp(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
