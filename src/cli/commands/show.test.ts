import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeExampleLab } from '../../lab/example-lab.ts';
import { useExampleLabs } from '../testing/example-labs.ts';

// labs show runs in-process on labs written to a temp folder (its ./labs is the labs folder).
const { runCli, breakLab, root } = useExampleLabs();

describe('labs show', () => {
  it('outlines setup and steps with their actions and checks in plain words', async () => {
    const { code, out } = await runCli('show', 'strict-mtls');
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines[0]).toBe('strict-mtls: Strict mTLS in ambient mode');
    expect(lines).toContain('  wait for deployment/helloworld-v1 -n hello to be available');
    expect(lines).toContain('1 strict-mtls: Enforce STRICT mTLS for the whole mesh');
    expect(lines).toContain('  apply manifests/01-strict.yaml');
    expect(lines).toContain('  check test/curl → GET http://helloworld.hello.svc.cluster.local:5000/hello expects reset (doc says 503)');
    expect(lines).toContain('2 jwt: Call with a token (challenge)');
    expect(lines).toContain('  waypoint apply -n hello --enroll-namespace');
  });

  it('accepts a path to a lab folder outside the labs folder', async () => {
    const other = await writeExampleLab(join(root(), 'elsewhere'), 'my-lab');
    const { code, out } = await runCli('show', other);
    expect(code).toBe(0);
    expect(out.split('\n')[0]).toBe('my-lab: Strict mTLS in ambient mode');
  });

  it('exits 2 with file:line:col and no stack trace when the lab is invalid', async () => {
    await breakLab('strict-mtls');
    const { code, out, err } = await runCli('show', 'strict-mtls');
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toBe('labs/strict-mtls/lab.yaml:25:33: steps[0].checks[0].expect: unknown key "staus". Did you mean "status"?\n');
  });

  it('exits 2 and suggests the closest lab for a misspelt name', async () => {
    const { code, err } = await runCli('show', 'strict-mtsl');
    expect(code).toBe(2);
    expect(err).toBe('No lab "strict-mtsl": it is neither a folder under labs nor a path to a lab. Did you mean "strict-mtls"?\n');
  });
});
