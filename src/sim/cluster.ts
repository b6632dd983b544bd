// The state of one embedded cluster: the store, the Istio install settings, the mesh engine,
// address allocation, and the controllers that run after every write.
import type { KubeObject, MeshSettings } from '../mesh/types.ts';
import { KINDS, type KindInfo } from './kinds.ts';
import type { MeshEngine } from './mesh-engine.ts';
import { ObjectStore } from './store.ts';
import { sameJson } from './server-side-apply.ts';

export type Controller = (cluster: SimCluster) => void;

// The store key of a kind: "group/plural".
export function resourceOf(info: KindInfo): string {
  return `${info.group}/${info.plural}`;
}

// The kind with this Kind name in this group (the first match).
export function kindNamed(group: string, kind: string): KindInfo {
  const info = KINDS.find((k) => k.group === group && k.kind === kind);
  if (!info) throw new Error(`embedded cluster: no kind ${kind} in group "${group}"`);
  return info;
}

const ignoredForChange = (obj: KubeObject): unknown => {
  const { resourceVersion: _rv, managedFields: _mf, ...meta } = obj.metadata as Record<string, unknown>;
  return { ...obj, metadata: meta };
};

// One embedded cluster: its objects, settings, mesh engine and controllers.
export class SimCluster {
  readonly store: ObjectStore;
  readonly nodeName = 'labs-control-plane';
  caPem = '';
  // Output and completion of one-shot containers, by "<pod uid>/<container>".
  readonly logs = new Map<string, string>();
  readonly runs = new Map<string, Promise<void>>();
  readonly stopping = new AbortController();
  private podIps = 0;
  private serviceIps = 0;
  private reconciling = false;
  private readonly controllers: Controller[] = [];

  constructor(
    readonly settings: MeshSettings,
    readonly mesh: MeshEngine,
    readonly now: () => number,
  ) {
    this.store = new ObjectStore(now);
  }

  // Register the controllers, in the order they run.
  useControllers(controllers: Controller[]): void {
    this.controllers.push(...controllers);
  }

  get(group: string, kind: string, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.store.get(resourceOf(kindNamed(group, kind)), namespace, name);
  }

  list(group: string, kind: string, namespace?: string): KubeObject[] {
    return this.store.list(resourceOf(kindNamed(group, kind)), namespace);
  }

  // Every object, as the mesh engine sees the cluster.
  objects(): KubeObject[] {
    return this.store.all();
  }

  // Create or update an object owned by a controller, writing only when something changed.
  put(obj: KubeObject): KubeObject {
    const info = kindNamed(obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[0] ?? '' : '', obj.kind);
    const resource = resourceOf(info);
    const old = this.store.get(resource, obj.metadata.namespace, obj.metadata.name);
    if (!old) return this.store.create(resource, obj);
    const next = { ...obj, metadata: { ...obj.metadata, uid: old.metadata.uid, creationTimestamp: old.metadata.creationTimestamp, ...(old.metadata.managedFields ? { managedFields: old.metadata.managedFields } : {}) } };
    if (sameJson(ignoredForChange(old), ignoredForChange(next))) return old;
    return this.store.update(resource, next);
  }

  // Remove an object a controller owns.
  remove(obj: KubeObject): void {
    const group = obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[0] ?? '' : '';
    this.store.remove(resourceOf(kindNamed(group, obj.kind)), obj.metadata.namespace, obj.metadata.name);
  }

  // Next pod IP: 10.244.0.2, 10.244.0.3, ...
  allocatePodIp(): string {
    const n = this.podIps++;
    return `10.244.${Math.floor(n / 250)}.${(n % 250) + 2}`;
  }

  // Next Service cluster IP: 10.96.0.1 (kubernetes), then 10.96.x.y.
  allocateServiceIp(): string {
    const n = this.serviceIps++;
    if (n === 0) return '10.96.0.1';
    if (n === 1) return '10.96.0.10';
    return `10.96.${Math.floor(n / 250) + 1}.${(n % 250) + 1}`;
  }

  // Run the controllers until a pass changes nothing (bounded), as if they had all caught up.
  reconcile(): void {
    if (this.reconciling) return;
    this.reconciling = true;
    try {
      for (let pass = 0; pass < 8; pass++) {
        const before = this.store.changeCount();
        for (const controller of this.controllers) controller(this);
        if (this.store.changeCount() === before) break;
      }
    } finally {
      this.reconciling = false;
    }
  }
}
