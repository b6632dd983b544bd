import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LabFormatError, loadLab } from './index.ts';

// One broken lab per failure mode; expected.txt holds the exact message, file:line:col included.
const testdata = fileURLToPath(new URL('./testdata', import.meta.url));
const modes = readdirSync(testdata, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

async function captureError(name: string): Promise<unknown> {
  try {
    await loadLab(name, { cwd: testdata, labsDir: testdata });
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('broken-lab fixtures', () => {
  it('cover at least fifteen failure modes', () => {
    expect(modes.length).toBeGreaterThanOrEqual(15);
  });

  it.each(modes)('%s is rejected with the message in its expected.txt', async (mode) => {
    const expected = readFileSync(join(testdata, mode, 'expected.txt'), 'utf8').trimEnd();
    const error = await captureError(mode);
    expect(error).toBeInstanceOf(LabFormatError);
    expect((error as LabFormatError).message).toBe(expected);
    expect((error as LabFormatError).kind).toBe('lab-format');
  });
});
