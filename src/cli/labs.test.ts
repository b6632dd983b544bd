// Every lab under labs/ runs in npm test on the embedded cluster, and none of its checks is vacuous.
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
  it.each(labs)('%s passes every check, and every check can fail (--discriminate)', async (lab) => {
    const terminal = createBufferTerminal();
    const code = await main(['verify', lab, '--discriminate', '--reporter', 'json'], {
      terminal,
      cwd: root,
      env: { ...process.env, LABS_HOME: `${root}/.labs-test-home` },
    });
    expect(terminal.stderr(), 'the run narration').toContain(`✓ ${lab} passed`);
    expect(code).toBe(0);
    const report = JSON.parse(terminal.stdout()) as { labs: Array<{ passed: boolean; summary: { checks: number; vacuous: number } }> };
    expect(report.labs[0]).toMatchObject({ passed: true, summary: { vacuous: 0 } });
    expect(report.labs[0]!.summary.checks).toBeGreaterThan(10);
  }, 60_000);
});
