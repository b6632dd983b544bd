import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeExampleLab } from './example-lab.ts';
import { LabFormatError, loadLab } from './index.ts';

// Mangle valid lab files at random: the loader must return a lab or throw LabFormatError, nothing else.
type Mangle =
  | { op: 'delete'; line: number }
  | { op: 'duplicate'; line: number }
  | { op: 'replace'; line: number; from: number }
  | { op: 'char'; at: number; char: string }
  | { op: 'swap-values'; line: number; other: number };

const YAML_CHARS = [':', '-', ' ', '  ', '{', '}', '[', ']', '"', "'", '&a', '*a', '!', '!!binary', '#', '|', '>', '\t', '---', 'x', '7', '..', '/', '\n', '~', '%', '@', '`'];

const mangle: fc.Arbitrary<Mangle> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), line: fc.nat() }),
  fc.record({ op: fc.constant('duplicate' as const), line: fc.nat() }),
  fc.record({ op: fc.constant('replace' as const), line: fc.nat(), from: fc.nat() }),
  fc.record({ op: fc.constant('char' as const), at: fc.nat(), char: fc.constantFrom(...YAML_CHARS) }),
  fc.record({ op: fc.constant('swap-values' as const), line: fc.nat(), other: fc.nat() }),
);

function applyMangle(text: string, m: Mangle): string {
  const lines = text.split('\n');
  const pick = (n: number) => n % lines.length;
  switch (m.op) {
    case 'delete':
      lines.splice(pick(m.line), 1);
      return lines.join('\n');
    case 'duplicate':
      lines.splice(pick(m.line), 0, lines[pick(m.line)]!);
      return lines.join('\n');
    case 'replace':
      lines[pick(m.line)] = lines[pick(m.from)]!;
      return lines.join('\n');
    case 'char': {
      const at = m.at % Math.max(text.length, 1);
      return text.slice(0, at) + m.char + text.slice(at + 1);
    }
    case 'swap-values': {
      const [a, b] = [pick(m.line), pick(m.other)];
      const split = (line: string) => line.match(/^([^:]*:\s?)(.*)$/);
      const [ma, mb] = [split(lines[a]!), split(lines[b]!)];
      if (!ma || !mb) return text;
      lines[a] = ma[1]! + mb[2]!;
      lines[b] = mb[1]! + ma[2]!;
      return lines.join('\n');
    }
  }
}

let root: string;
const originals = new Map<string, string>();
const FILES = ['lab.yaml', 'manifests/apps.yaml', 'manifests/01-strict.yaml'];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'labs-property-'));
  const dir = await writeExampleLab(root, 'mangled');
  for (const file of FILES) originals.set(file, await readFile(join(dir, file), 'utf8'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('loadLab on mangled labs', () => {
  it('only ever returns a lab or throws a LabFormatError with positioned problems', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...FILES), fc.array(mangle, { minLength: 1, maxLength: 4 }), async (file, mangles) => {
        for (const name of FILES) await writeFile(join(root, 'mangled', name), originals.get(name)!);
        await writeFile(join(root, 'mangled', file), mangles.reduce(applyMangle, originals.get(file)!));
        try {
          const loaded = await loadLab('mangled', { labsDir: root, cwd: root });
          expect(loaded.lab.steps.length).toBeGreaterThan(0);
        } catch (error) {
          expect(error).toBeInstanceOf(LabFormatError);
          const problems = (error as LabFormatError).problems;
          expect(problems.length).toBeGreaterThan(0);
          for (const p of problems) {
            expect(p.line).toBeGreaterThanOrEqual(1);
            expect(p.column).toBeGreaterThanOrEqual(1);
            expect(p.message).not.toMatch(/undefined|\[object Object\]/);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
