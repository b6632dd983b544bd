// createMesh: index the objects once, then evaluate requests against them with round-robin load balancing.
import { evaluateRequest } from './evaluate.ts';
import { samplePathOf } from './sample-path.ts';
import { indexObjects } from './snapshot.ts';
import { DEFAULT_MESH_SETTINGS, type KubeObject, type Mesh, type MeshSettings } from './types.ts';

// Build the engine over one snapshot of cluster objects.
export function createMesh(objects: readonly KubeObject[], settings?: Partial<MeshSettings>): Mesh {
  const snap = indexObjects(objects, { ...DEFAULT_MESH_SETTINGS, ...settings });
  const counters = new Map<string, number>();
  const pick = (key: string, count: number): number => {
    const n = counters.get(key) ?? 0;
    counters.set(key, n + 1);
    return n % count;
  };
  return {
    evaluate: (request) => evaluateRequest(snap, request, pick),
    samplePath: (service, port) => samplePathOf(snap, service, port),
  };
}
