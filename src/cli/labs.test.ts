// Every lab under labs/ runs on the embedded cluster as part of npm test.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from './main.ts';
import { createBufferTerminal } from './terminal.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const labs = readdirSync(new URL('../../labs/', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

describe('the shipped labs on the embedded cluster', () => {
  it.each(labs)('%s passes every check', async (lab) => {
    const terminal = createBufferTerminal();
    const code = await main(['run', lab], { terminal, cwd: root, env: { ...process.env, LABS_HOME: `${root}/.labs-test-home` } });
    expect(terminal.stdout() + terminal.stderr(), 'the run narration').toContain(`✓ ${lab} passed`);
    expect(code).toBe(0);
  }, 60_000);
});
