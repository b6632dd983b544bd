// Files that lab.yaml names (manifests to apply or delete, bearer tokens): they must exist and stay in the lab folder.
import { realpath, stat, readdir } from 'node:fs/promises';
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { formatSuggestion } from './did-you-mean.ts';
import type { PathSegment } from './errors.ts';
import { findValue, isMapping, type Finding } from './finding.ts';

export type ReferenceRole = 'manifest' | 'bearer';

// A file named in lab.yaml, where it is named, and what it is for.
export interface FileReference {
  path: PathSegment[];
  file: string; // as written in lab.yaml
  role: ReferenceRole;
}

// Where a lab lives: its absolute folder, that folder with links resolved, and the folder as shown to the reader.
export interface LabFolder {
  dir: string;
  realDir: string;
  shown: string; // such as labs/080-authorization/
}

function collectPaths(value: unknown, path: PathSegment[], role: ReferenceRole): FileReference[] {
  if (typeof value === 'string') return [{ path, file: value, role }];
  if (!Array.isArray(value)) return [];
  return value.flatMap((item, i) => (typeof item === 'string' ? [{ path: [...path, i], file: item, role }] : []));
}

function collectFromActions(actions: unknown, path: PathSegment[]): FileReference[] {
  if (!Array.isArray(actions)) return [];
  return actions.flatMap((action, i) => {
    if (!isMapping(action)) return [];
    return (['apply', 'delete'] as const).flatMap((key) => collectPaths(action[key], [...path, i, key], 'manifest'));
  });
}

// Every file lab.yaml refers to, in document order.
export function collectReferences(data: unknown): FileReference[] {
  if (!isMapping(data)) return [];
  const references = collectFromActions(data.setup, ['setup']);
  const steps = Array.isArray(data.steps) ? data.steps : [];
  steps.forEach((step, s) => {
    if (!isMapping(step)) return;
    references.push(...collectFromActions(step.actions, ['steps', s, 'actions']));
    const checks = Array.isArray(step.checks) ? step.checks : [];
    checks.forEach((check, c) => {
      if (isMapping(check)) references.push(...collectPaths(check.bearer, ['steps', s, 'checks', c, 'bearer'], 'bearer'));
    });
  });
  return references;
}

function isInside(folder: string, target: string): boolean {
  const rel = relative(folder, target);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

async function suggestSibling(folder: LabFolder, file: string): Promise<string> {
  const siblings = await readdir(resolve(folder.dir, dirname(file))).catch(() => []);
  const suggestion = formatSuggestion(basename(file), siblings);
  return suggestion ? suggestion.replace(/"(.*)"/, `"${dirname(file) === '.' ? '' : `${dirname(file)}/`}$1"`) : '';
}

// Check that a referenced file exists inside the lab folder; resolves to a finding when it does not.
export async function checkReference(reference: FileReference, folder: LabFolder): Promise<Finding | undefined> {
  const { file, path } = reference;
  if (isAbsolute(file)) return findValue(path, `"${file}" is an absolute path; use a path relative to ${folder.shown}.`);
  const target = resolve(folder.dir, file);
  if (!isInside(folder.dir, target)) return findValue(path, `"${file}" leaves the lab folder; use a path inside ${folder.shown}.`);
  const real = await realpath(target).catch(() => undefined);
  if (real === undefined) {
    return findValue(path, `"${file}" does not exist in ${folder.shown}.${await suggestSibling(folder, file)}`);
  }
  if (!isInside(folder.realDir, real)) {
    return findValue(path, `"${file}" is a link that leads outside the lab folder; copy the file into ${folder.shown}.`);
  }
  const info = await stat(real);
  if (!info.isFile()) return findValue(path, `"${file}" is not a file; name the files in it one by one.`);
  return undefined;
}
