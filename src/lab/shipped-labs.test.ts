import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { listLabs, loadLab } from './index.ts';

// Every lab under labs/ loads without a cluster, so a format mistake fails here before any run.
const repo = fileURLToPath(new URL('../..', import.meta.url));
const labsDir = `${repo}labs`;
const names = await listLabs(labsDir);

describe('the shipped labs', () => {
  it.each(names)('%s is a valid lab with every manifest it names', async (name) => {
    const loaded = await loadLab(name, { labsDir, cwd: repo });
    expect(loaded.lab.name).toBe(name);
    for (const [file, documents] of loaded.manifests) expect(documents.length, file).toBeGreaterThan(0);
  });
});
