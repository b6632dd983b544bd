import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderExampleLab, writeExampleLab } from '../../lab/example-lab.ts';
import { main } from '../main.ts';
import { createBufferTerminal } from '../terminal.ts';

// labs list runs in-process on labs written to a temp folder (its ./labs is the labs folder).
let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'labs-cli-'));
  await writeExampleLab(join(root, 'labs'), 'strict-mtls');
  await writeExampleLab(join(root, 'labs'), 'another-lab');
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function runCli(...argv: string[]) {
  const terminal = createBufferTerminal({ width: 120 });
  const code = await main(argv, { terminal, cwd: root, env: {} });
  return { code, out: terminal.stdout(), err: terminal.stderr() };
}

async function breakLab(name: string): Promise<void> {
  const yaml = renderExampleLab(name).replace('expect: { error: reset }', 'expect: { error: reset, staus: 503 }');
  await writeFile(join(root, 'labs', name, 'lab.yaml'), yaml);
}

describe('labs list', () => {
  it('prints a table of every lab with its title, profile, steps and checks', async () => {
    const { code, out } = await runCli('list');
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+TITLE\s+PROFILE\s+STEPS\s+CHECKS$/);
    expect(lines.slice(1).map((line) => line.split(/\s{2,}/))).toEqual([
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
