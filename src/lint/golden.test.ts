// Golden output: a manifest with every trap, and the exact lines `labs lint` prints for it.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatFinding, summarizeFindings } from './format.ts';
import { lintFiles } from './lint.ts';

const testdata = fileURLToPath(new URL('./testdata/', import.meta.url));

describe('lint golden output', () => {
  it('prints testdata/traps.expected.txt for testdata/traps.yaml', async () => {
    const findings = await lintFiles([`${testdata}traps.yaml`], testdata);
    const text = [...findings.map(formatFinding), summarizeFindings(findings)].join('\n') + '\n';
    expect(text).toBe(await readFile(`${testdata}traps.expected.txt`, 'utf8'));
  });
});
