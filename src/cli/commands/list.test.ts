import { describe, expect, it } from 'vitest';
import { useExampleLabs } from '../testing/example-labs.ts';

// labs list runs in-process on labs written to a temp folder (its ./labs is the labs folder).
const { runCli, breakLab } = useExampleLabs();

describe('labs list', () => {
  it('prints a table of every lab with its title, profile, steps and checks, and its summary below', async () => {
    const { code, out } = await runCli('list');
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+TITLE\s+PROFILE\s+STEPS\s+CHECKS$/);
    const summary = '  Enforce STRICT mTLS for the mesh and watch a plaintext client get reset.';
    expect(lines.slice(1)).toEqual([expect.stringMatching(/^another-lab /), summary, expect.stringMatching(/^strict-mtls /), summary]);
    expect([lines[1], lines[3]].map((line) => line!.split(/\s{2,}/))).toEqual([
      ['another-lab', 'Strict mTLS in ambient mode', 'ambient', '2', '3'],
      ['strict-mtls', 'Strict mTLS in ambient mode', 'ambient', '2', '3'],
    ]);
  });

  it('keeps an invalid lab in the table and says how to see why', async () => {
    await breakLab('another-lab');
    const { code, out } = await runCli('list');
    expect(code).toBe(0);
    expect(out).toContain('another-lab  (invalid: run labs validate another-lab)');
  });
});
