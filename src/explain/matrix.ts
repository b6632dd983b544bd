// Who can reach whom, now: every client workload of a lab's namespaces against every Service port, through the engine.
import type { LoadedLab } from '../lab/index.ts';
import { createMesh, type KubeObject, type MeshSettings, type Outcome } from '../mesh/index.ts';
import type { MatrixGrid } from '../report/matrix.ts';
import { listDestinations } from './matrix-destinations.ts';
import { labNamespaces, pickSources } from './matrix-sources.ts';

export { listDestinations } from './matrix-destinations.ts';
export { labNamespaces, pickSources } from './matrix-sources.ts';

const CURL_MAX_TIME_MS = 10_000;

// The word a cell shows for what curl saw.
export function cellOf(outcome: Outcome): string {
  return outcome.kind === 'response' ? String(outcome.status) : outcome.error;
}

export interface ComputeGridOptions {
  lab: LoadedLab;
  objects: readonly KubeObject[];
  settings: MeshSettings;
  step: { id: string; title: string };
  now: number;
}

// The grid for the cluster's objects now (changes are marked later, against the previous grid).
export async function computeGrid(options: ComputeGridOptions): Promise<MatrixGrid> {
  const { lab, objects, settings, now } = options;
  const namespaces = labNamespaces(lab, settings);
  const sources = pickSources(objects, namespaces);
  const mesh = createMesh(objects, settings);
  const rows = listDestinations(lab, mesh, objects, settings, namespaces);
  const cells: string[][] = [];
  for (const row of rows) {
    const line: string[] = [];
    for (const pod of sources.values()) {
      const from = { namespace: pod.metadata.namespace ?? 'default', pod: pod.metadata.name };
      const evaluation = await mesh
        .evaluate({ from, url: row.url, method: row.method, headers: {}, now, timeoutMs: CURL_MAX_TIME_MS })
        .catch(() => undefined);
      line.push(evaluation ? cellOf(evaluation.outcome) : 'not-run');
    }
    cells.push(line);
  }
  return {
    stepId: options.step.id,
    title: options.step.title,
    sources: [...sources.keys()],
    rows,
    cells,
    changed: [],
  };
}
