// Labs that name any kind the cluster serves, and apply files in which the API refuses one document.
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeInlineLab } from './testing/inline-lab.ts';
import { runCli } from './testing/run-cli.ts';

const DESTINATION_RULE = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: helloworld, namespace: hello }
spec:
  host: helloworld.hello.svc.cluster.local
`;

const configMap = (name: string) => `apiVersion: v1
kind: ConfigMap
metadata: { name: ${name}, namespace: hello }
data: { a: "1" }
`;

const BAD_POLICY = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: business-hours, namespace: hello }
spec:
  rules:
    - when: [{ key: custom.time_of_day, values: ["09:00-17:00"] }]
`;

async function runJson(steps: string, files: Record<string, string>, options: { cwd?: string } = {}) {
  const dir = await writeInlineLab({ steps, files });
  const out = join(dir, 'report.json');
  const { code, stdout } = await runCli(['run', dir, '--reporter', 'json', '--out', out], { cwd: options.cwd ?? dir });
  return { code, stdout, report: JSON.parse(await readFile(out, 'utf8')) };
}

describe('KIND/NAME references', () => {
  it('reach kinds outside the built-in table through the API discovery, as kubectl does', async () => {
    const { code, report } = await runJson(
      `  - id: dr
    title: a DestinationRule
    actions:
      - apply: manifests/dr.yaml
      - label: { resource: dr/helloworld, namespace: hello, labels: { lesson: traffic } }
    checks:
      - resource: destinationrule/helloworld
        namespace: hello
        expect: { exists: true }
      - resource: destinationrules.networking.istio.io/nope
        namespace: hello
        expect: { exists: false }
`,
      { 'manifests/dr.yaml': DESTINATION_RULE },
    );
    expect(report.steps[0].actions.map((a: { status: string }) => a.status)).toEqual(['passed', 'passed']);
    expect(report.steps[0].checks.map((c: { passed: boolean }) => c.passed)).toEqual([true, true]);
    expect(code).toBe(0);
  });

  it('fail the one check that names a kind the cluster does not serve, and the run still reports', async () => {
    const { code, report } = await runJson(
      `  - id: unknown
    title: a kind nobody serves
    checks:
      - resource: frobnicator/x
        namespace: hello
        expect: { exists: true }
`,
      {},
    );
    expect(code).toBe(1);
    expect(report.steps[0].checks[0]).toMatchObject({ passed: false });
    expect(report.steps[0].checks[0].failure).toContain('unknown kind "frobnicator": the cluster serves no such resource');
  });
});

describe('apply with expect rejected', () => {
  it('applies every other document of the file, as kubectl apply -f does', async () => {
    const { code, report } = await runJson(
      `  - id: refused
    title: one bad document among good ones
    actions:
      - apply: manifests/mixed.yaml
        expect: { rejected: "custom.time_of_day" }
    checks:
      - resource: configmap/before
        namespace: hello
        expect: { exists: true }
      - resource: configmap/after
        namespace: hello
        expect: { exists: true }
      - resource: authorizationpolicy/business-hours
        namespace: hello
        expect: { exists: false }
`,
      { 'manifests/mixed.yaml': [configMap('before'), BAD_POLICY, configMap('after')].join('---\n') },
    );
    expect(report.steps[0].actions[0]).toMatchObject({ status: 'passed' });
    expect(report.steps[0].checks.map((c: { passed: boolean }) => c.passed)).toEqual([true, true, true]);
    expect(code).toBe(0);
  });
});

describe('a kubectl action', () => {
  it('reads relative paths from the lab folder, wherever labs run was started', async () => {
    const { code, report } = await runJson(
      `  - id: kubectl
    title: kubectl apply -f a file of the lab
    actions:
      - kubectl: apply -f manifests/dr.yaml
    checks:
      - resource: destinationrule/helloworld
        namespace: hello
        expect: { exists: true }
`,
      { 'manifests/dr.yaml': DESTINATION_RULE },
      { cwd: tmpdir() },
    );
    expect(report.steps[0].actions[0]).toMatchObject({ status: 'passed' });
    expect(code).toBe(0);
  });
});
