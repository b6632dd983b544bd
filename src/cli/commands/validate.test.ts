import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderExampleLab, writeExampleLab } from '../../lab/example-lab.ts';
import { main } from '../main.ts';
import { createBufferTerminal } from '../terminal.ts';

// labs validate runs in-process on labs written to a temp folder (its ./labs is the labs folder).
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

describe('labs validate', () => {
  it('checks every lab in the labs folder when none is named', async () => {
    const { code, out, err } = await runCli('validate');
    expect(code).toBe(0);
    expect(out).toBe('✓ another-lab\n✓ strict-mtls\n2 valid, 0 invalid\n');
    expect(err).toBe('');
  });

  it('prints the problems of an invalid lab on stderr and exits 2', async () => {
    await breakLab('another-lab');
    const { code, out, err } = await runCli('validate');
    expect(code).toBe(2);
    expect(out).toBe('✓ strict-mtls\n1 valid, 1 invalid\n');
    expect(err).toBe(
      '✗ another-lab (1 problem)\n' +
        '  labs/another-lab/lab.yaml:25:33: steps[0].checks[0].expect: unknown key "staus". Did you mean "status"?\n',
    );
  });

  it('validates the labs and paths it is given, and reports names that are no lab', async () => {
    const other = await writeExampleLab(join(root, 'elsewhere'), 'my-lab');
    const { code, out, err } = await runCli('validate', 'strict-mtls', 'elsewhere/my-lab', 'nope');
    expect(code).toBe(2);
    expect(out).toBe('✓ strict-mtls\n✓ my-lab\n2 valid, 1 invalid\n');
    expect(err).toContain('✗ nope\n  No lab "nope"');
    expect(other).toBe(join(root, 'elsewhere', 'my-lab'));
  });

  it('shows examples in its help', async () => {
    const { code, out } = await runCli('validate', '--help');
    expect(code).toBe(0);
    expect(out).toContain('$ labs validate ./my-lab');
  });
});
