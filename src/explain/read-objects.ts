// Read the objects the mesh engine reasons about from any cluster, through the KubeClient.
import type { KubeClient } from '../cluster/client.ts';
import { DEFAULT_MESH_SETTINGS, type KubeObject, type MeshSettings } from '../mesh/index.ts';

// The kinds the engine indexes (src/mesh/snapshot.ts), in the versions a cluster serves them.
export const MESH_KINDS: ReadonlyArray<{ apiVersion: string; kind: string }> = [
  { apiVersion: 'v1', kind: 'Namespace' },
  { apiVersion: 'v1', kind: 'Pod' },
  { apiVersion: 'v1', kind: 'Service' },
  { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway' },
  { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GatewayClass' },
  { apiVersion: 'security.istio.io/v1', kind: 'AuthorizationPolicy' },
  { apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication' },
  { apiVersion: 'security.istio.io/v1', kind: 'RequestAuthentication' },
  { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy' },
];

// Whether a list failed because the cluster does not serve the kind (no CRD), which only means "none".
function isNotServed(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return (
    code === 404 ||
    /not found|no matches for kind|could not find the requested resource|unrecognized api version and kind/i.test(
      message,
    )
  );
}

// Every object of the mesh kinds; a kind the cluster does not serve is skipped.
export async function readMeshObjects(client: KubeClient): Promise<KubeObject[]> {
  const lists = await Promise.all(
    MESH_KINDS.map(async ({ apiVersion, kind }) => {
      try {
        const items = await client.list({ apiVersion, kind });
        // List items carry no apiVersion/kind of their own.
        return items.map((o): KubeObject => ({
          ...o,
          apiVersion: o.apiVersion ?? apiVersion,
          kind: o.kind ?? kind,
        }));
      } catch (error) {
        if (isNotServed(error)) return [];
        throw error;
      }
    }),
  );
  return lists.flat();
}

// The mesh settings a cluster's objects imply: ambient when ztunnel runs, the Istio version of istiod's image.
export function detectMeshSettings(objects: readonly KubeObject[]): MeshSettings {
  const root = DEFAULT_MESH_SETTINGS.rootNamespace;
  const system = objects.filter((o) => o.kind === 'Pod' && o.metadata.namespace === root);
  const ambient = system.some((p) => p.metadata.labels?.app === 'ztunnel');
  const istiod = system.find((p) => p.metadata.labels?.app === 'istiod');
  const image = String(istiod?.spec?.containers?.[0]?.image ?? '');
  const version = /:(\d+\.\d+\.\d+)/.exec(image)?.[1];
  return {
    ...DEFAULT_MESH_SETTINGS,
    profile: ambient ? 'ambient' : 'default',
    ...(version ? { istioVersion: version } : {}),
  };
}
