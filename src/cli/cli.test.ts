import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderExampleLab, writeExampleLab } from '../lab/example-lab.ts';

// The real binary, spawned: exit codes and no stack traces for expected failures.
const bin = fileURLToPath(new URL('../../bin/labs.js', import.meta.url));
let root: string;

function runBinary(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return runBinaryWith({}, ...argv);
}

function runBinaryWith(env: Record<string, string>, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...argv], { cwd: root, env: { ...process.env, NO_COLOR: '1', LABS_DEBUG: '', ...env } }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'labs-bin-'));
  await writeExampleLab(root, 'good-lab');
  await writeExampleLab(root, 'bad-lab', renderExampleLab('bad-lab').replace('for: available', 'for: availble'));
  await writeFile(join(root, 'not-yaml.txt'), 'hello\n');
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('the labs binary', () => {
  it('exits 0 when the lab is valid', async () => {
    const { code, stdout } = await runBinary('validate', './good-lab');
    expect(code).toBe(0);
    expect(stdout).toBe('✓ good-lab\n');
  });

  it('exits 2 with the problem at file:line:col and no stack trace when the lab is invalid', async () => {
    const { code, stderr } = await runBinary('validate', './bad-lab');
    expect(code).toBe(2);
    expect(stderr).toContain('bad-lab/lab.yaml:14:72: setup[1].wait.for: expected available, ready, deleted or condition=TYPE; found the string "availble".');
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  it('exits 2 without a stack trace when show is given something that is not a lab', async () => {
    const { code, stderr } = await runBinary('show', './not-yaml.txt');
    expect(code).toBe(2);
    expect(stderr).toMatch(/^not-yaml\.txt:1:1: /);
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  it('says which path the machine refused, without a stack trace, when LABS_HOME cannot be a folder', async () => {
    const home = join(root, 'not-yaml.txt', 'home');
    const { code, stderr } = await runBinaryWith({ LABS_HOME: home }, 'up');
    expect(code).toBe(1);
    expect(stderr).toBe(`labs: cannot mkdir ${home}: a part of the path is not a directory (LABS_HOME is where labs keeps its files).\n`);
  });
});
