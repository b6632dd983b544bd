// Load a lab: read lab.yaml with positions, validate shape and rules, read the files it names.
import { readFile, realpath } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { visit } from 'yaml';
import { formatPath, LabFormatError, type LabProblem, type PathSegment } from './errors.ts';
import type { Finding } from './finding.ts';
import { locateNearest, locateNode, parseYamlSource, positionAt, type YamlSource } from './locate.ts';
import { parseManifest, type ManifestDocument } from './manifests.ts';
import { checkReference, collectReferences, type LabFolder } from './references.ts';
import { defaultLabsDir, locateLab, showPath } from './resolve.ts';
import type { Lab } from './schema.ts';
import { checkSemantics } from './semantics.ts';
import { validateShape } from './shape.ts';

// A valid lab with everything it refers to, read and parsed.
export interface LoadedLab {
  lab: Lab;
  dir: string; // absolute
  file: string; // absolute lab.yaml
  manifests: Map<string, ManifestDocument[]>; // key: the path as written in lab.yaml
  files: Map<string, string>; // other referenced files (bearer tokens): path as written → text
  locate(path: PathSegment[]): { file: string; line: number; column: number } | undefined; // a lab.yaml node's position
}

export interface LoadOptions {
  labsDir?: string;
  cwd?: string;
}

interface Collected {
  problems: LabProblem[];
  manifests: Map<string, ManifestDocument[]>;
  files: Map<string, string>;
}

function placeFinding(source: YamlSource, shown: string, finding: Finding): LabProblem {
  const { line, column } = locateNearest(source, finding.at, finding.target);
  return { file: shown, line, column, path: formatPath(finding.path), message: finding.message };
}

// The offset of the first alias without an anchor before it, where toJS fails.
function findUnresolvedAlias(source: YamlSource): number | undefined {
  let offset: number | undefined;
  visit(source.doc, {
    Alias(_, node) {
      if (node.resolve(source.doc) !== undefined) return undefined;
      offset = node.range?.[0];
      return visit.BREAK;
    },
  });
  return offset;
}

function parseLabYaml(text: string, shown: string): { source: YamlSource; data: unknown } {
  const source = parseYamlSource(text);
  const [error] = source.doc.errors;
  const problem = (offset: number, message: string): LabProblem => ({ file: shown, ...positionAt(source, offset), path: '', message });
  if (error?.code === 'MULTIPLE_DOCS') {
    // The yaml library's own advice (parseAllDocuments) is for programmers; a lab author needs to know what to remove.
    throw new LabFormatError([problem(error.pos[0], 'a second YAML document starts at this "---"; a lab.yaml is one document: remove the line, or move what follows it into the lab.')]);
  }
  if (error) throw new LabFormatError([problem(error.pos[0], `invalid YAML: ${error.message.split(' at line ')[0]!.split('\n')[0]}.`)]);
  try {
    return { source, data: source.doc.toJS({ maxAliasCount: 100 }) };
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new LabFormatError([problem(findUnresolvedAlias(source) ?? 0, `invalid YAML: ${reason}.`)], { cause });
  }
}

async function readReferences(data: unknown, folder: LabFolder, place: (f: Finding) => LabProblem, cwd: string): Promise<Collected> {
  const collected: Collected = { problems: [], manifests: new Map(), files: new Map() };
  for (const reference of collectReferences(data)) {
    const finding = await checkReference(reference, folder);
    if (finding) {
      collected.problems.push(place(finding));
      continue;
    }
    const target = resolve(folder.dir, reference.file);
    if (collected.manifests.has(reference.file) || collected.files.has(reference.file)) continue;
    const text = await readFile(target, 'utf8');
    if (reference.role === 'bearer') {
      collected.files.set(reference.file, text);
      continue;
    }
    const parsed = parseManifest(text, { file: reference.file, shown: showPath(target, cwd) });
    collected.manifests.set(reference.file, parsed.documents);
    collected.problems.push(...parsed.problems);
  }
  return collected;
}

function sortProblems(problems: LabProblem[], labFile: string): LabProblem[] {
  const seen = new Set<string>();
  const unique = problems.filter((p) => {
    const key = `${p.file}:${p.line}:${p.column}:${p.path}:${p.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
  const rank = (p: LabProblem) => (p.file === labFile ? 0 : 1);
  return unique.sort((a, b) => rank(a) - rank(b) || a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

// Load and validate the lab a NAME or PATH means; throws LabFormatError listing every problem.
export async function loadLab(target: string, options: LoadOptions = {}): Promise<LoadedLab> {
  const cwd = options.cwd ?? process.cwd();
  const { dir, file } = await locateLab(target, { labsDir: options.labsDir ?? defaultLabsDir(cwd), cwd });
  const shown = showPath(file, cwd);
  const folder: LabFolder = { dir, realDir: await realpath(dir), shown: `${showPath(dir, cwd)}/` };
  const { source, data } = parseLabYaml(await readFile(file, 'utf8'), shown);
  const place = (finding: Finding) => placeFinding(source, shown, finding);
  const problems = [...validateShape(data), ...checkSemantics(data, basename(dir))].map(place);
  const collected = await readReferences(data, folder, place, cwd);
  const all = sortProblems([...problems, ...collected.problems], shown);
  if (all.length) throw new LabFormatError(all);
  return {
    lab: data as Lab,
    dir,
    file,
    manifests: collected.manifests,
    files: collected.files,
    locate: (path) => {
      const position = locateNode(source, path);
      return position && { file, ...position };
    },
  };
}
