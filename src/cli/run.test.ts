import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HELLO_URL, writeInlineLab } from './testing/inline-lab.ts';
import { runCli } from './testing/run-cli.ts';

const reachable = `  - id: reachable
    title: helloworld answers the curl client
    checks:
      - from: test/deploy/curl
        url: ${HELLO_URL}
        expect: { status: 200, body: "Hello version: v1" }
`;

describe('labs run on the embedded cluster', () => {
  it('passes a lab whose checks hold and writes the JSON report', async () => {
    const dir = await writeInlineLab({ steps: reachable });
    const out = join(dir, 'report.json');
    const { code, stdout } = await runCli(['run', dir, '--reporter', 'json', '--out', out], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toContain('✓ inline-lab passed');
    const report = JSON.parse(await readFile(out, 'utf8'));
    expect(report).toMatchObject({ lab: 'inline-lab', target: 'embedded', passed: true });
    expect(report.steps[0].checks[0]).toMatchObject({ passed: true, attempts: 1, observed: { status: 200 } });
  });

  it('fails with exit 1 and the observed outcome when a check does not hold', async () => {
    const dir = await writeInlineLab({ steps: reachable.replace('status: 200, body: "Hello version: v1"', 'status: 403') });
    const out = join(dir, 'report.json');
    const { code, stdout } = await runCli(['run', dir, '--reporter', 'json', '--out', out], { cwd: dir });
    expect(code).toBe(1);
    expect(stdout).toContain('expected status 403; observed status 200');
    const report = JSON.parse(await readFile(out, 'utf8'));
    expect(report.passed).toBe(false);
    expect(report.steps[0].checks[0].observed.status).toBe(200);
    expect(stdout).toContain('why (labs explain):');
    expect(report.steps[0].checks[0].explanation.join('\n')).toMatch(/helloworld/);
  });

  it('resets a plaintext client once STRICT mTLS is on, and reports the lesson\'s 503 as drift', async () => {
    const steps = `  - id: strict
    title: STRICT mTLS
    actions:
      - apply: manifests/strict.yaml
    checks:
      - from: test/deploy/curl
        url: ${HELLO_URL}
        expect: { error: reset }
        documented: { status: 503, quote: "returned error: 503", note: ztunnel resets plaintext }
`;
    const dir = await writeInlineLab({ steps });
    const out = join(dir, 'report.json');
    const { code, stdout } = await runCli(['run', dir, '--reporter', 'json', '--out', out], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toContain('doc drift: the lesson says status 503');
    const check = JSON.parse(await readFile(out, 'utf8')).steps[0].checks[0];
    expect(check).toMatchObject({ observed: { error: 'reset', curlExit: 56 }, drift: { documented: { status: 503 }, note: 'ztunnel resets plaintext' } });
  });

  it('says when the cluster runs an Istio outside the range the lab holds for, and still runs it', async () => {
    const dir = await writeInlineLab({ steps: reachable, top: 'mesh: { istio: "1.26 - 1.27" }\n' });
    const { code, stdout } = await runCli(['run', dir, '--istio', '1.28.0'], { cwd: dir });
    expect(stdout).toContain('This lab holds for Istio 1.26 - 1.27; the cluster runs 1.28.0');
    expect(code).toBe(0);
    expect((await runCli(['run', dir, '--istio', '1.27.3'], { cwd: dir })).stdout).not.toContain('This lab holds for');
  });

  it('exits 2 with file:line:col for an invalid lab, before touching a cluster', async () => {
    const dir = await writeInlineLab({ steps: reachable.replace('expect: { status: 200', 'expect: { staus: 200') });
    const { code, stderr } = await runCli(['run', dir], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toMatch(/lab\.yaml:\d+:\d+: .*unknown key "staus"\. Did you mean "status"\?/);
    expect(stderr).not.toContain('    at ');
  });

  it('runs only the selected step after applying the earlier steps without their checks', async () => {
    const steps = `${reachable}  - id: strict
    title: STRICT mTLS
    actions:
      - apply: manifests/strict.yaml
    checks:
      - from: test/deploy/curl
        url: ${HELLO_URL}
        expect: { error: reset }
  - id: after
    title: never runs
    checks:
      - from: test/deploy/curl
        url: ${HELLO_URL}
        expect: { status: 418 }
`;
    const dir = await writeInlineLab({ steps });
    const out = join(dir, 'report.json');
    const { code } = await runCli(['run', dir, '--step', 'strict', '--reporter', 'json', '--out', out], { cwd: dir });
    expect(code).toBe(0);
    const report = JSON.parse(await readFile(out, 'utf8'));
    expect(report.steps.map((s: { id: string; status: string }) => `${s.id}:${s.status}`)).toEqual(['reachable:skipped', 'strict:passed', 'after:skipped']);
  });

  it('flags with --discriminate a check that held before its step and pins nothing else', async () => {
    const steps = `  - id: strict
    title: STRICT mTLS
    actions:
      - apply: manifests/strict.yaml
    checks:
      - name: plaintext is reset
        from: test/deploy/curl
        url: ${HELLO_URL}
        expect: { error: reset }
      - name: the namespace is still there
        resource: namespace/hello
        expect: { exists: true }
  - id: again
    title: apply the same policy again
    actions:
      - apply: manifests/strict.yaml
    checks:
      - name: still reset
        from: test/deploy/curl
        url: ${HELLO_URL}
        expect: { error: reset }
`;
    const dir = await writeInlineLab({ steps });
    const out = join(dir, 'report.json');
    const { code, stdout } = await runCli(['verify', dir, '--discriminate', '--reporter', 'json', '--out', out], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toContain('⚠ vacuous');
    const report = JSON.parse(await readFile(out, 'utf8')).labs[0];
    const facts = report.steps.flatMap((s: { checks: Array<{ name: string; unchanged?: boolean; vacuous?: boolean }> }) =>
      s.checks.map((c) => `${c.name}: unchanged=${c.unchanged ?? false} vacuous=${c.vacuous ?? false}`),
    );
    expect(facts).toEqual([
      'plaintext is reset: unchanged=false vacuous=false',
      'the namespace is still there: unchanged=true vacuous=false',
      'still reset: unchanged=true vacuous=true',
    ]);
    expect(report.summary.vacuous).toBe(1);
  });

  it('writes JUnit with a testsuite per lab for labs verify', async () => {
    const dir = await writeInlineLab({ steps: reachable });
    const out = join(dir, 'junit.xml');
    const { code } = await runCli(['verify', dir, '--reporter', 'junit', '--out', out], { cwd: dir });
    expect(code).toBe(0);
    const xml = await readFile(out, 'utf8');
    expect(xml).toContain('<testsuite name="inline-lab" tests="1" failures="0"');
    expect(xml).toContain(`name="test/deploy/curl -&gt; GET ${HELLO_URL}"`);
  });
});
