import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { STRICT_STEP, writeInlineLab } from '../src/cli/testing/inline-lab.ts';

// What `npm install` leaves in dist/ (built fresh by the test setup) must do what the sources do: the
// bundle moves code into shared chunks, so anything that finds files from its own location is at risk.
const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const bundledMain = join(root, 'dist', 'cli', 'main.js');

async function labsFromBundle(args: string[], home: string) {
  const run = 'const { main } = await import(process.argv[1]); process.exitCode = await main(process.argv.slice(2));';
  return execa(process.execPath, ['--input-type=module', '-e', run, bundledMain, ...args], {
    cwd: root,
    env: { LABS_HOME: home, NO_COLOR: '1', LABS_DEBUG: '1' },
    reject: false,
  });
}

describe('the bundle in dist/', () => {
  it('runs a lab on the embedded cluster, checks and all', async () => {
    const home = await mkdtemp(join(tmpdir(), 'labs-bundle-'));
    const lab = await writeInlineLab({ steps: STRICT_STEP });
    const result = await labsFromBundle(['run', lab, '--reporter', 'json'], home);
    expect(result.stderr).toContain('inline-lab passed');
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ lab: 'inline-lab', passed: true, summary: { checks: 1, failed: 0 } });
  });

  it('finds the labs that ship with it', async () => {
    const result = await labsFromBundle(['list'], await mkdtemp(join(tmpdir(), 'labs-bundle-')));
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('080-authorization');
  });

  it('starts the detached cluster server of dist/ with labs up, and stops it with labs down', async () => {
    const home = await mkdtemp(join(tmpdir(), 'labs-bundle-'));
    try {
      const up = await labsFromBundle(['up'], home);
      expect(up.exitCode).toBe(0);
      expect((await labsFromBundle(['status'], home)).stdout).toMatch(/embedded: up at https:\/\/127\.0\.0\.1:\d+/);
    } finally {
      expect((await labsFromBundle(['down'], home)).stdout).toContain('embedded cluster stopped');
    }
  });
});
