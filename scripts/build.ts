// `npm run build` (also `npm install`'s prepare step): bundle the CLI and the detached cluster server
// into dist/ with esbuild. One file per entry plus shared chunks loads far faster than hundreds of
// modules: client-node alone is about 900 files, which Node would find, read and compile one by one.
// bin/labs.js runs dist/ while dist/.built is newer than every source file.
import { build } from 'esbuild';
import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

// Build into a fresh folder beside dist/ and swap it in, so a command that starts meanwhile never
// loads a half-written bundle or a chunk of an older build.
export async function buildBundle(options: { minify?: boolean } = {}): Promise<void> {
  const staging = join(root, `dist.${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: { 'cli/main': 'src/cli/main.ts', 'sim/serve': 'src/sim/serve.ts' },
    outdir: staging,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    minify: options.minify ?? true,
    // Maps back to src/ for LABS_DEBUG=1 stack traces (bin/labs.js turns them on); Node reads them only then.
    sourcemap: 'linked',
    sourcesContent: false,
    alias: { 'whatwg-url': './scripts/bundle-shims/whatwg-url.ts' },
    // testcontainers is large and only the k3s target loads it: keep it a plain import from node_modules.
    external: ['@testcontainers/k3s', 'testcontainers'],
    // CommonJS dependencies inside an ES module bundle still call require() for Node's built-ins.
    banner: { js: "import { createRequire as __labsRequire } from 'node:module'; const require = __labsRequire(import.meta.url);" },
    logLevel: 'warning',
  }).catch(async (error: unknown) => {
    await rm(staging, { recursive: true, force: true });
    throw error;
  });
  await writeFile(join(staging, '.built'), '');
  const old = join(root, `dist.old.${process.pid}`);
  await rename(join(root, 'dist'), old).catch(() => undefined);
  await rename(staging, join(root, 'dist'));
  await rm(old, { recursive: true, force: true });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildBundle({ minify: !process.argv.includes('--no-minify') });
}
