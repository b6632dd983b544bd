// Run one table row through a fresh Mesh and describe a mismatch readably.
import { expect } from 'vitest';
import { createMesh } from '../mesh.ts';
import type { KubeObject, MeshRequest, MeshSettings } from '../types.ts';
import { describeOutcome, matchesExpected, type Expected } from './world.ts';

export interface Row {
  name: string;
  objects: KubeObject[];
  request: MeshRequest;
  expected: Expected;
  settings?: Partial<MeshSettings>;
}

// Evaluate the row and assert its expectation, printing the trace when it fails.
export async function expectRow(row: Row): Promise<void> {
  const mesh = createMesh(row.objects, row.settings);
  const { outcome, trace } = await mesh.evaluate(row.request);
  const ok = matchesExpected(outcome, row.expected);
  const detail = `${describeOutcome(outcome)} ${outcome.kind === 'response' ? JSON.stringify(outcome.body.slice(0, 120)) : outcome.message}\n${trace.map((t) => `  [${t.hop} ${t.verdict}] ${t.message}`).join('\n')}`;
  expect(ok, detail).toBe(true);
}
