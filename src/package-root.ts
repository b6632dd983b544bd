// The folder labs is installed in (package.json, labs/, clusters/), found by walking up from this
// module. The answer is the same from the sources in src/ and from the bundle in dist/, where this
// code may sit in any chunk.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`labs: no package.json above ${start}`);
  }
}

export const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

// True when this code runs from the bundle in dist/ rather than from the TypeScript sources.
export const RUNS_FROM_BUNDLE = import.meta.url.endsWith('.js');
