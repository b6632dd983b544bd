import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listCachedIstioctl, missingFor, runDoctor } from './doctor.ts';
import { createFakeRunner } from './testing/fake-runner.ts';

async function cacheWith(versions: string[]): Promise<string> {
  const cacheDir = await mkdtemp(join(tmpdir(), 'labs-doctor-'));
  for (const version of versions) {
    await mkdir(join(cacheDir, `istioctl-${version}`));
    await writeFile(join(cacheDir, `istioctl-${version}`, 'istioctl'), '#!/bin/sh\n', { mode: 0o755 });
  }
  await writeFile(join(cacheDir, 'istioctl-1.28.0-linux-amd64.tar.gz'), '');
  return cacheDir;
}

describe('labs doctor', () => {
  it('says ok for each tool found, with its version, and lists the cached istioctl versions', async () => {
    const runner = createFakeRunner([
      { match: 'docker --version', result: { stdout: 'Docker version 28.2.2, build e6534b4\n' } },
      { match: 'docker info', result: { stdout: '28.2.2\n' } },
      { match: 'kind version', result: { stdout: '0.30.0\n' } },
      { match: 'kubectl version', result: { stdout: '{"clientVersion":{"gitVersion":"v1.33.1"}}' } },
    ]);
    const cacheDir = await cacheWith(['1.28.0', '1.27.10', '1.27.9']);
    const report = await runDoctor({ runner, cacheDir, nodeVersion: '20.20.2', fetch: async () => new Response(null, { status: 200 }) });
    expect(report.checks).toEqual([
      { name: 'Node.js', status: 'ok', detail: 'v20.20.2' },
      { name: 'Docker client', status: 'ok', detail: '28.2.2' },
      { name: 'Docker daemon', status: 'ok', detail: 'server 28.2.2' },
      { name: 'kind', status: 'ok', detail: 'v0.30.0' },
      { name: 'kubectl', status: 'ok', detail: 'v1.33.1' },
      { name: 'istioctl (cached)', status: 'ok', detail: `1.27.9, 1.27.10, 1.28.0 in ${cacheDir}` },
      { name: 'GitHub releases', status: 'ok', detail: 'https://github.com/istio/istio/releases answered 200' },
    ]);
  });

  it('says what to install or start for each missing piece, and that GitHub is unreachable', async () => {
    const runner = createFakeRunner([
      { match: 'docker --version', result: { stdout: 'Docker version 28.2.2, build e6534b4\n' } },
      { match: 'docker info', result: { exitCode: 1, stderr: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n' } },
      { match: 'kind', result: { exitCode: 127, missing: true } },
      { match: 'kubectl', result: { exitCode: 127, missing: true } },
    ]);
    const report = await runDoctor({
      runner,
      cacheDir: '/nonexistent/cache',
      nodeVersion: '20.11.0',
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
    });
    const byName = Object.fromEntries(report.checks.map((check) => [check.name, check]));
    expect(byName['Node.js']).toEqual({ name: 'Node.js', status: 'missing', detail: 'v20.11.0', fix: 'Install Node.js 20.19 or newer (https://nodejs.org/).' });
    expect(byName['Docker daemon']).toMatchObject({
      status: 'missing',
      detail: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?',
      fix: expect.stringMatching(/^Start Docker/),
    });
    expect(byName.kind).toMatchObject({ status: 'missing', detail: 'not found on PATH', fix: expect.stringContaining('https://kind.sigs.k8s.io/') });
    expect(byName.kubectl).toMatchObject({ status: 'missing', fix: expect.stringContaining('https://kubernetes.io/docs/tasks/tools/') });
    expect(byName['istioctl (cached)']).toMatchObject({ status: 'ok', detail: expect.stringMatching(/^none yet/) });
    expect(byName['GitHub releases']).toMatchObject({ status: 'warn', detail: 'https://github.com/istio/istio/releases not reachable (fetch failed)' });
  });

  it('ignores cache folders without an executable istioctl', async () => {
    const cacheDir = await cacheWith(['1.26.8']);
    await mkdir(join(cacheDir, 'istioctl-1.26.7'));
    await mkdir(join(cacheDir, '.extract-abc'));
    expect(await listCachedIstioctl(cacheDir)).toEqual(['1.26.8']);
  });
});

describe('what a target needs', () => {
  const report = {
    checks: [
      { name: 'Node.js', status: 'ok' as const, detail: 'v20.20.2' },
      { name: 'Docker client', status: 'ok' as const, detail: '28.2.2' },
      { name: 'Docker daemon', status: 'missing' as const, detail: 'Cannot connect' },
      { name: 'kind', status: 'missing' as const, detail: 'not found on PATH' },
      { name: 'kubectl', status: 'ok' as const, detail: 'v1.33.1' },
      { name: 'GitHub releases', status: 'warn' as const, detail: 'not reachable' },
    ],
  };

  it('is Docker, kind and kubectl for kind; Docker and kubectl for k3s; kubectl alone for a context', () => {
    expect(missingFor(report, 'kind')?.map((c) => c.name)).toEqual(['Docker daemon', 'kind']);
    expect(missingFor(report, 'k3s')?.map((c) => c.name)).toEqual(['Docker daemon']);
    expect(missingFor(report, 'context=prod')).toEqual([]);
    expect(missingFor(report, 'embedded')).toBeUndefined();
  });
});
