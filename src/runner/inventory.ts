// What labs applied for a lab, kept in the cluster (ConfigMap default/labs-inventory-<lab>), so that
// `labs reset` and a second run can put the cluster back to the lab's clean start.
import type { KubeClient, KubeObject } from '../cluster/client.ts';
import type { ObjectRef } from '../cluster/kinds.ts';

export const LAB_LABEL = 'labs/lab';
const INVENTORY_LABEL = 'labs/inventory';

export interface Inventory {
  record(object: KubeObject): void;
  refs(): ObjectRef[];
  save(): Promise<void>;
}

const key = (r: ObjectRef) => `${r.apiVersion}|${r.kind}|${r.namespace ?? ''}|${r.name}`;
const configMapRef = (lab: string): ObjectRef => ({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: `labs-inventory-${lab}` });

// Read the inventory an earlier run left, or start an empty one.
export async function loadInventory(client: KubeClient, lab: string): Promise<Inventory> {
  const stored = await client.read(configMapRef(lab));
  const entries = new Map<string, ObjectRef>();
  const text = (stored?.data as Record<string, string> | undefined)?.objects;
  for (const ref of text ? (JSON.parse(text) as ObjectRef[]) : []) entries.set(key(ref), ref);
  let dirty = false;
  return {
    record(object) {
      const ref: ObjectRef = {
        apiVersion: object.apiVersion,
        kind: object.kind,
        name: object.metadata.name,
        ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}),
      };
      if (!entries.has(key(ref))) dirty = true;
      entries.set(key(ref), ref);
    },
    refs: () => [...entries.values()],
    async save() {
      if (!dirty) return;
      const ref = configMapRef(lab);
      await client.apply({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: ref.name, namespace: 'default', labels: { [LAB_LABEL]: lab, [INVENTORY_LABEL]: 'true' } },
        data: { objects: JSON.stringify([...entries.values()]) },
      });
      dirty = false;
    },
  };
}

// The labs that have an inventory on the cluster.
export async function listInventories(client: KubeClient): Promise<string[]> {
  const maps = await client.list({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', labelSelector: `${INVENTORY_LABEL}=true` });
  return maps.map((m) => m.metadata.labels?.[LAB_LABEL] ?? '').filter(Boolean).sort();
}

// Delete everything the inventory lists (namespaces last, and wait until they are gone), then the inventory.
export async function clearInventory(
  client: KubeClient,
  lab: string,
  options: { sleep: (ms: number) => Promise<void>; timeoutMs?: number },
): Promise<ObjectRef[]> {
  const inventory = await loadInventory(client, lab);
  const refs = inventory.refs().reverse();
  const namespaces = refs.filter((r) => r.kind === 'Namespace');
  const namespaced = new Set(namespaces.map((n) => n.name));
  for (const ref of refs) {
    if (ref.kind !== 'Namespace' && !(ref.namespace && namespaced.has(ref.namespace))) await client.remove(ref);
  }
  for (const ref of namespaces) await client.remove(ref);
  const deadline = Date.now() + (options.timeoutMs ?? 180_000);
  for (const ref of namespaces) {
    while ((await client.read(ref)) && Date.now() < deadline) await options.sleep(500);
  }
  await client.remove(configMapRef(lab));
  return refs;
}
