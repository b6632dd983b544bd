// Where labs keeps its files: LABS_HOME (default ~/.labs), its cache, and the package's own recipes.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.ts';

// The labs home folder: $LABS_HOME, or ~/.labs
export function resolveLabsHome(env: Record<string, string | undefined> = process.env): string {
  const fromEnv = env.LABS_HOME;
  return fromEnv && fromEnv !== '' ? resolve(fromEnv) : join(homedir(), '.labs');
}

// The download cache: <labs home>/cache
export function resolveCacheDir(labsHome: string = resolveLabsHome()): string {
  return join(labsHome, 'cache');
}

// The package root (the folder holding clusters/ and labs/), found from this file's location
export function resolvePackageRoot(): string {
  return PACKAGE_ROOT;
}
