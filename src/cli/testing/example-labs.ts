// For tests of commands that read a labs folder: two example labs written to a fresh temp folder (its
// ./labs is the labs folder) before each test, the CLI run in-process there, and a way to break a lab.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { renderExampleLab, writeExampleLab } from '../../lab/example-lab.ts';
import { main } from '../main.ts';
import { createBufferTerminal } from '../terminal.ts';

export function useExampleLabs() {
  let root = '';
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'labs-cli-'));
    await writeExampleLab(join(root, 'labs'), 'strict-mtls');
    await writeExampleLab(join(root, 'labs'), 'another-lab');
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });
  return {
    root: () => root,
    async runCli(...argv: string[]) {
      const terminal = createBufferTerminal({ width: 120 });
      const code = await main(argv, { terminal, cwd: root, env: {} });
      return { code, out: terminal.stdout(), err: terminal.stderr() };
    },
    // Give a lab a misspelt key, so that it no longer loads.
    async breakLab(name: string): Promise<void> {
      const yaml = renderExampleLab(name).replace('expect: { error: reset }', 'expect: { error: reset, staus: 503 }');
      await writeFile(join(root, 'labs', name, 'lab.yaml'), yaml);
    },
  };
}
