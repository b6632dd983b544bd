import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCommandRunner } from '../command.ts';
import { ClusterError } from '../errors.ts';
import { createExecutor } from '../executor.ts';
import { createPlan, formatPlan } from '../plan.ts';
import { ensureIstioctl, istioctlPath, sweepStaleFiles } from './download.ts';

const version = '1.28.0';
const asset = `istioctl-${version}-linux-amd64.tar.gz`;
let tarball: Buffer;

beforeAll(async () => {
  const folder = await mkdtemp(join(tmpdir(), 'labs-istioctl-src-'));
  await writeFile(join(folder, 'istioctl'), `#!/bin/sh\necho "client version: ${version}"\n`, { mode: 0o755 });
  execFileSync('tar', ['-czf', join(folder, asset), '-C', folder, 'istioctl']);
  tarball = await readFile(join(folder, asset));
});

type Mode = 'ok' | 'bad-checksum' | 'interrupt';
let server: Server | undefined;
afterEach(() => server?.close());

// A local release server: /<version>/<asset> and /<version>/<asset>.sha256, counting archive requests
async function serveRelease(mode: Mode): Promise<{ baseUrl: string; archiveRequests: () => number }> {
  let archiveRequests = 0;
  const sha = createHash('sha256').update(mode === 'bad-checksum' ? Buffer.from('other bytes') : tarball).digest('hex');
  server = createServer((request, response) => {
    if (request.url === `/${version}/${asset}.sha256`) {
      response.end(`${sha} ${asset}\n`); // one space, like release-builder's CreateSha
    } else if (request.url === `/${version}/${asset}`) {
      archiveRequests += 1;
      response.writeHead(200, { 'content-length': String(tarball.length) });
      if (mode === 'interrupt') {
        response.write(tarball.subarray(0, tarball.length >> 1), () => response.socket?.destroy());
      } else {
        response.end(tarball);
      }
    } else {
      response.writeHead(404).end('Not Found');
    }
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}`, archiveRequests: () => archiveRequests };
}

async function download(options: { baseUrl: string; cacheDir: string; version?: string }) {
  const plan = createPlan();
  const runner = createCommandRunner();
  const exec = createExecutor({ runner, plan, dryRun: false });
  const path = await ensureIstioctl(exec, options.version ?? version, {
    cacheDir: options.cacheDir,
    fetch: globalThis.fetch,
    runner,
    releaseBaseUrl: options.baseUrl,
    platform: 'linux',
    arch: 'x64',
  });
  return { path, plan };
}

describe('istioctl download', () => {
  it('downloads, verifies and extracts an executable istioctl into the cache, and reuses it on the next call', async () => {
    const release = await serveRelease('ok');
    const cacheDir = await mkdtemp(join(tmpdir(), 'labs-cache-'));
    const first = await download({ baseUrl: release.baseUrl, cacheDir });
    expect(first.path).toBe(istioctlPath(cacheDir, version));
    expect((await stat(first.path)).mode & 0o111).not.toBe(0);
    expect(execFileSync(first.path, ['version', '--remote=false'], { encoding: 'utf8' })).toBe(`client version: ${version}\n`);
    expect((await readdir(cacheDir)).sort()).toEqual([`istioctl-${version}`, asset]);
    expect(formatPlan(first.plan)).toEqual([
      `download ${release.baseUrl}/${version}/${asset} -> ${cacheDir}/${asset}`,
      `verify sha256 ${cacheDir}/${asset} against ${release.baseUrl}/${version}/${asset}.sha256`,
      `extract ${cacheDir}/${asset} -> ${cacheDir}/istioctl-${version}/istioctl`,
    ]);

    const second = await download({ baseUrl: release.baseUrl, cacheDir });
    expect(second.path).toBe(first.path);
    expect(release.archiveRequests()).toBe(1);
    expect(formatPlan(second.plan)).toEqual([]);
  });

  it('rejects an archive whose sha256 differs from the release checksum and leaves no file in the cache', async () => {
    const release = await serveRelease('bad-checksum');
    const cacheDir = await mkdtemp(join(tmpdir(), 'labs-cache-'));
    const failure = download({ baseUrl: release.baseUrl, cacheDir });
    await expect(failure).rejects.toBeInstanceOf(ClusterError);
    await expect(failure).rejects.toMatchObject({
      kind: 'download',
      message: expect.stringMatching(
        new RegExp(`^${asset.replaceAll('.', '\\.')} failed its checksum: expected sha256 [0-9a-f]{64}, got [0-9a-f]{64}\\. The file was discarded; run the command again\\.$`),
      ),
    });
    expect(await readdir(cacheDir)).toEqual([]);
  });

  it('leaves no half file behind when the server drops the connection mid-download', async () => {
    const release = await serveRelease('interrupt');
    const cacheDir = await mkdtemp(join(tmpdir(), 'labs-cache-'));
    await expect(download({ baseUrl: release.baseUrl, cacheDir })).rejects.toMatchObject({
      kind: 'download',
      message: expect.stringContaining(`The download of ${release.baseUrl}/${version}/${asset} was interrupted`),
    });
    expect(await readdir(cacheDir)).toEqual([]);
    expect(release.archiveRequests()).toBe(1);
  });

  it('names the URL and where to check the version when the release has no such asset', async () => {
    const release = await serveRelease('ok');
    const cacheDir = await mkdtemp(join(tmpdir(), 'labs-cache-'));
    await expect(download({ baseUrl: release.baseUrl, cacheDir, version: '1.28.99' })).rejects.toMatchObject({
      kind: 'download',
      message: `GET ${release.baseUrl}/1.28.99/istioctl-1.28.99-linux-amd64.tar.gz.sha256 answered 404: check the Istio version (https://github.com/istio/istio/releases).`,
    });
    expect(await readdir(cacheDir)).toEqual([]);
  });
});

describe('cache sweeping', () => {
  it('removes partial downloads and extract folders of dead processes and keeps those of live ones', async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), 'labs-cache-'));
    const dead = 2 ** 22 + 17; // above Linux's pid_max default, so no such process
    await writeFile(join(cacheDir, `${asset}.${dead}-0a1b2c3d.part`), 'half');
    await mkdir(join(cacheDir, `.extract-${dead}-Xy12Ab`));
    await writeFile(join(cacheDir, `${asset}.${process.pid}-0a1b2c3d.part`), 'in progress');
    await writeFile(join(cacheDir, asset), 'whole');
    await sweepStaleFiles(cacheDir);
    expect((await readdir(cacheDir)).sort()).toEqual([asset, `${asset}.${process.pid}-0a1b2c3d.part`]);
  });
});
