// Fetch istioctl of a version into the cache: download to a temp file, verify the release's sha256,
// rename into place, extract with the system tar. A failed or interrupted download leaves no file behind.
import { createHash, randomBytes } from 'node:crypto';
import { access, chmod, mkdir, mkdtemp, open, readdir, rename, rm } from 'node:fs/promises';
import { constants } from 'node:fs';
import { join } from 'node:path';
import type { CommandRunner } from '../command.ts';
import { ClusterError, commandFailed, toolMissing } from '../errors.ts';
import type { Executor } from '../executor.ts';
import { istioctlAsset, parseChecksum, type IstioctlAsset } from './release.ts';

export interface IstioctlSource {
  cacheDir: string;
  fetch: typeof fetch;
  runner: CommandRunner; // runs tar
  releaseBaseUrl?: string;
  platform?: string;
  arch?: string;
}

// Where the cached istioctl of a version lives
export function istioctlPath(cacheDir: string, version: string): string {
  return join(cacheDir, `istioctl-${version}`, 'istioctl');
}

async function isExecutable(path: string): Promise<boolean> {
  return access(path, constants.X_OK).then(
    () => true,
    () => false,
  );
}

// Make sure istioctl <version> is in the cache (downloading and verifying it if not); return its path
export async function ensureIstioctl(exec: Executor, version: string, source: IstioctlSource): Promise<string> {
  const binary = istioctlPath(source.cacheDir, version);
  if (await isExecutable(binary)) return binary;
  const asset = istioctlAsset({
    version,
    platform: source.platform ?? process.platform,
    arch: source.arch ?? process.arch,
    ...(source.releaseBaseUrl ? { baseUrl: source.releaseBaseUrl } : {}),
  });
  const archive = join(source.cacheDir, asset.name);
  exec.note({ kind: 'download', url: asset.url, to: archive });
  exec.note({ kind: 'verify', file: archive, checksumUrl: asset.checksumUrl });
  exec.note({ kind: 'extract', archive, to: binary });
  if (exec.dryRun) return binary;
  await mkdir(source.cacheDir, { recursive: true });
  await sweepStaleFiles(source.cacheDir);
  await downloadVerified({ asset, archive, fetch: source.fetch, signal: exec.signal });
  await extractIstioctl({ archive, binary, cacheDir: source.cacheDir, runner: source.runner });
  return binary;
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
};

// Remove what a killed labs process left half-done: "<asset>.<pid>-<random>.part" and ".extract-*" of dead pids
export async function sweepStaleFiles(cacheDir: string): Promise<void> {
  for (const name of await readdir(cacheDir)) {
    const pid = /\.(\d+)-[0-9a-f]+\.part$/.exec(name)?.[1] ?? /^\.extract-(\d+)-/.exec(name)?.[1];
    if (pid !== undefined && !isAlive(Number(pid))) await rm(join(cacheDir, name), { recursive: true, force: true });
  }
}

async function fetchOk(fetcher: typeof fetch, url: string, signal: AbortSignal | undefined): Promise<Response> {
  let response: Response;
  try {
    response = await fetcher(url, { redirect: 'follow', ...(signal ? { signal } : {}) });
  } catch (cause) {
    throw new ClusterError('download', `Could not reach ${url}: ${String(cause)}. Check the network, or use the embedded cluster.`, { cause });
  }
  if (!response.ok) {
    throw new ClusterError(
      'download',
      `GET ${url} answered ${response.status}: check the Istio version (https://github.com/istio/istio/releases).`,
    );
  }
  return response;
}

async function downloadVerified(options: {
  asset: IstioctlAsset;
  archive: string;
  fetch: typeof fetch;
  signal: AbortSignal | undefined;
}): Promise<void> {
  const { asset, archive } = options;
  const partial = `${archive}.${process.pid}-${randomBytes(4).toString('hex')}.part`;
  try {
    const expected = parseChecksum(await (await fetchOk(options.fetch, asset.checksumUrl, options.signal)).text(), asset.name);
    if (!expected) {
      throw new ClusterError('download', `${asset.checksumUrl} is not a sha256 file for ${asset.name}; try again later.`);
    }
    const actual = await streamToFile(await fetchOk(options.fetch, asset.url, options.signal), partial, asset.url);
    if (actual !== expected) {
      throw new ClusterError(
        'download',
        `${asset.name} failed its checksum: expected sha256 ${expected}, got ${actual}. The file was discarded; run the command again.`,
      );
    }
    await rename(partial, archive);
  } finally {
    await rm(partial, { force: true });
  }
}

async function streamToFile(response: Response, path: string, url: string): Promise<string> {
  const hash = createHash('sha256');
  const file = await open(path, 'w');
  try {
    if (!response.body) throw new Error('empty response body');
    for await (const chunk of response.body) {
      hash.update(chunk);
      await file.write(chunk);
    }
  } catch (cause) {
    throw new ClusterError('download', `The download of ${url} was interrupted (${String(cause)}); run the command again.`, { cause });
  } finally {
    await file.close();
  }
  return hash.digest('hex');
}

async function extractIstioctl(options: { archive: string; binary: string; cacheDir: string; runner: CommandRunner }) {
  const scratch = await mkdtemp(join(options.cacheDir, `.extract-${process.pid}-`));
  try {
    const result = await options.runner.run('tar', ['-xzf', options.archive, '-C', scratch, 'istioctl']);
    if (result.missing) throw toolMissing('tar');
    if (result.exitCode !== 0) {
      throw commandFailed({ kind: 'download', command: `tar -xzf ${options.archive}`, exitCode: result.exitCode, output: result.stderr });
    }
    await chmod(join(scratch, 'istioctl'), 0o755);
    const folder = join(options.binary, '..');
    await rm(folder, { recursive: true, force: true });
    await rename(scratch, folder);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
