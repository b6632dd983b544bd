import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadIstioSettings } from '../src/cluster/istio/settings.ts';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const workflow = async (name: string) => readFile(join(root, '.github', 'workflows', name), 'utf8');

describe('scripts/e2e.ts', () => {
  it('prints one line saying why it skips and exits 0 without LABS_E2E', async () => {
    const result = await execa(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'e2e.ts')], {
      cwd: root,
      env: { LABS_E2E: '' },
      reject: false,
    });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('e2e: skipped: LABS_E2E is not 1 (set LABS_E2E=1 to run every lab on kind and k3s; needs Docker)');
  });

  it('skips with the reason when LABS_E2E=1 but no Docker daemon answers', async () => {
    const result = await execa(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'e2e.ts')], {
      cwd: root,
      env: { LABS_E2E: '1', DOCKER_HOST: 'unix:///nonexistent/labs-e2e-docker.sock' },
      reject: false,
    });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^e2e: skipped: (no Docker daemon answers \(docker info: .*\)|the docker CLI is not on PATH)$/);
  });
});

describe('GitHub workflows', () => {
  it.each(['ci.yaml', 'e2e.yaml'])('%s grants nothing at the top, contents: read per job, and pins every action to a commit', async (name) => {
    const text = await workflow(name);
    const doc = parse(text) as { permissions: unknown; jobs: Record<string, { permissions: unknown }> };
    expect(doc.permissions).toEqual({});
    for (const job of Object.values(doc.jobs)) expect(job.permissions).toEqual({ contents: 'read' });
    const uses = [...text.matchAll(/uses: (\S+)(.*)/g)];
    expect(uses.length).toBeGreaterThan(0);
    for (const [, action, comment] of uses) {
      expect(action).toMatch(/^[\w-]+\/[\w-]+@[0-9a-f]{40}$/);
      expect(comment).toMatch(/^ # v\d+\.\d+\.\d+$/);
    }
  });

  it('runs every target against Istio versions labs has install settings for', async () => {
    const doc = parse(await workflow('e2e.yaml')) as { jobs: { e2e: { strategy: { matrix: { target: string[]; istio: string[] } } } } };
    const { target, istio } = doc.jobs.e2e.strategy.matrix;
    expect(target).toEqual(['kind', 'k3s']);
    expect(istio.map((version) => version.split('.').slice(0, 2).join('.'))).toEqual(['1.26', '1.27', '1.28']);
    for (const version of istio) expect((await loadIstioSettings(version, root)).version).toBe(version);
  });
});
