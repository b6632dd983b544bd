// Where labs are: a lab name or path → its folder and lab.yaml; the labs folder and the labs in it.
import { existsSync, readdirSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.ts';
import { formatSuggestion } from './did-you-mean.ts';
import { LabNotFoundError } from './errors.ts';

export const LAB_FILE = 'lab.yaml';

// The lab folder and its lab.yaml, both absolute.
export interface LabLocation {
  dir: string;
  file: string;
}

// Show a path relative to the cwd when it is inside it, else absolute.
export function showPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() ?? false;
}

async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}

// The folder names under labsDir that hold a lab.yaml, sorted.
export async function listLabs(labsDir: string): Promise<string[]> {
  const entries = await readdir(labsDir, { withFileTypes: true }).catch(() => []);
  const names: string[] = [];
  for (const entry of entries) {
    if (await isFile(join(labsDir, entry.name, LAB_FILE))) names.push(entry.name);
  }
  return names.sort();
}

function hasLabs(dir: string): boolean {
  try {
    return readdirSync(dir).some((name) => existsSync(join(dir, name, LAB_FILE)));
  } catch {
    return false;
  }
}

// ./labs when the cwd has labs in it, else the labs/ folder that ships with this package.
export function defaultLabsDir(cwd: string): string {
  const local = resolve(cwd, 'labs');
  if (hasLabs(local)) return local;
  return join(PACKAGE_ROOT, 'labs');
}

function looksLikeName(target: string): boolean {
  return !target.includes('/') && !target.includes('\\') && !target.startsWith('.');
}

// Find the lab a NAME (a folder under labsDir) or a PATH (a lab folder, or its lab.yaml) means.
export async function locateLab(target: string, options: { labsDir: string; cwd: string }): Promise<LabLocation> {
  const { labsDir, cwd } = options;
  const byName = join(labsDir, target);
  if (looksLikeName(target) && (await isFile(join(byName, LAB_FILE)))) return { dir: byName, file: join(byName, LAB_FILE) };
  const byPath = resolve(cwd, target);
  if (await isDirectory(byPath)) {
    const file = join(byPath, LAB_FILE);
    if (await isFile(file)) return { dir: byPath, file };
    throw new LabNotFoundError(`${showPath(byPath, cwd)} has no ${LAB_FILE}; a lab is a folder with a ${LAB_FILE} in it.`);
  }
  if (await isFile(byPath)) return { dir: dirname(byPath), file: byPath };
  const names = await listLabs(labsDir);
  const suggestion = looksLikeName(target) ? formatSuggestion(basename(target), names) : '';
  const available = names.length ? ` Available labs: ${names.join(', ')}.` : '';
  throw new LabNotFoundError(
    `No lab "${target}": it is neither a folder under ${showPath(labsDir, cwd)} nor a path to a lab.${suggestion}${suggestion ? '' : available}`,
  );
}
