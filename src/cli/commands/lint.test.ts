// `labs lint` in-process: the shipped labs, a plain manifest file, and the JSON format.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../main.ts';
import { createBufferTerminal } from '../terminal.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));

async function lint(args: string[], cwd = root) {
  const terminal = createBufferTerminal();
  const code = await main(['lint', ...args], {
    terminal,
    cwd,
    env: { ...process.env, LABS_HOME: join(tmpdir(), 'labs-lint-test') },
  });
  return { code, out: terminal.stdout(), err: terminal.stderr() };
}

describe('labs lint', () => {
  it('exits 0 on the shipped labs, reporting the refusals the labs expect as info', async () => {
    const { code, out } = await lint([]);
    expect(out).toMatch(
      /^labs\/zero-trust-patterns\/manifests\/trading-platform-controls\.yaml:29:16: info istio-rejects: .*unknown attribute: custom\.day_of_week \[expected by the lab, step refused-conditions\]$/m,
    );
    expect(out).toMatch(
      /^labs\/ambient-waypoint\/lab\.yaml:\d+:\d+: warning noop-waypoint-label: the label istio\.io\/waypoint=enabled does nothing/m,
    );
    expect(out).toMatch(
      /^labs\/zero-trust-patterns\/manifests\/security-baseline-deny\.yaml:\d+:\d+: warning ztunnel-ignores-l7-deny: /m,
    );
    expect(out).toMatch(/^0 errors, \d+ warnings, \d+ expected by the labs$/m);
    expect(code).toBe(0);
  });

  it('exits 1 on a manifest file Istio refuses, naming file:line:col', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'labs-lint-'));
    await writeFile(
      join(dir, 'deny.yaml'),
      'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: { name: deny, namespace: demo }\nspec:\n  action: DENY\n',
    );
    const { code, out } = await lint(['deny.yaml'], dir);
    expect(out).toContain(
      'deny.yaml:5:3: error deny-without-rules: a DENY policy without rules never matches, and Istio refuses it',
    );
    expect(code).toBe(1);
  });

  it('prints findings as JSON with --format json, and exits 0 on warnings only', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'labs-lint-'));
    await writeFile(
      join(dir, 'ns.yaml'),
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\n  labels: { istio.io/waypoint: enabled }\n',
    );
    const { code, out } = await lint([dir, '--format', 'json']);
    const report = JSON.parse(out) as {
      findings: Array<Record<string, unknown>>;
      summary: Record<string, number>;
    };
    expect(report.findings).toEqual([
      expect.objectContaining({ line: 5, column: 13, severity: 'warning', rule: 'noop-waypoint-label' }),
    ]);
    expect(report.summary).toEqual({ errors: 0, warnings: 1, expected: 0 });
    expect(code).toBe(0);
  });
  it('refuses a lab name that names no lab with exit 2', async () => {
    const { code, err } = await lint(['no-such-lab']);
    expect(err).toContain('no-such-lab');
    expect(code).toBe(2);
  });
});
