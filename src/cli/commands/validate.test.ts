import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeExampleLab } from '../../lab/example-lab.ts';
import { useExampleLabs } from '../testing/example-labs.ts';

// labs validate runs in-process on labs written to a temp folder (its ./labs is the labs folder).
const { runCli, breakLab, root } = useExampleLabs();

describe('labs validate', () => {
  it('checks every lab in the labs folder when none is named', async () => {
    const { code, out, err } = await runCli('validate');
    expect(code).toBe(0);
    expect(out).toBe('✓ another-lab\n✓ strict-mtls\n2 valid, 0 invalid\n');
    expect(err).toBe('');
  });

  it('prints the problems of an invalid lab on stderr and exits 2', async () => {
    await breakLab('another-lab');
    const { code, out, err } = await runCli('validate');
    expect(code).toBe(2);
    expect(out).toBe('✓ strict-mtls\n1 valid, 1 invalid\n');
    expect(err).toBe(
      '✗ another-lab (1 problem)\n' +
        '  labs/another-lab/lab.yaml:25:33: steps[0].checks[0].expect: unknown key "staus". Did you mean "status"?\n',
    );
  });

  it('validates the labs and paths it is given, and reports names that are no lab', async () => {
    const other = await writeExampleLab(join(root(), 'elsewhere'), 'my-lab');
    const { code, out, err } = await runCli('validate', 'strict-mtls', 'elsewhere/my-lab', 'nope');
    expect(code).toBe(2);
    expect(out).toBe('✓ strict-mtls\n✓ my-lab\n2 valid, 1 invalid\n');
    expect(err).toContain('✗ nope\n  No lab "nope"');
    expect(other).toBe(join(root(), 'elsewhere', 'my-lab'));
  });

  it('shows examples in its help', async () => {
    const { code, out } = await runCli('validate', '--help');
    expect(code).toBe(0);
    expect(out).toContain('$ labs validate ./my-lab');
  });
});
