// The actions and timings of the lab format that the shipped labs do not use, run on the embedded cluster.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HELLO_URL, writeInlineLab } from './testing/inline-lab.ts';
import { runCli } from './testing/run-cli.ts';

const NOTE = `apiVersion: v1
kind: ConfigMap
metadata: { name: note, namespace: hello }
data: { text: hello }
`;

describe('the rest of the lab format', () => {
  it('runs exec, waits for a condition and for deletion, deletes what is already gone, and holds a check consistently', async () => {
    const dir = await writeInlineLab({
      files: { 'manifests/note.yaml': NOTE },
      steps: `  - id: rest
    title: exec, wait, delete, consistently
    actions:
      - exec: { from: test/deploy/curl, command: [curl, -sS, "${HELLO_URL}"] }
        expect: { exitCode: 0, output: "Hello version: v1" }
      - exec: { from: test/deploy/curl, command: [curl, -sS, "http://nowhere.hello:5000/"] }
        expect: { exitCode: 6, output: "Could not resolve host" }
      - wait: { resource: deployment/helloworld-v1, namespace: hello, for: condition=Available }
      - apply: manifests/note.yaml
      - delete: manifests/note.yaml
      - wait: { resource: configmap/note, namespace: hello, for: deleted, timeout: 5s }
      - delete: manifests/note.yaml
    checks:
      - from: test/deploy/curl
        url: ${HELLO_URL}
        expect: { status: 200 }
        consistently: 10s
`,
    });
    const out = join(dir, 'report.json');
    const { code } = await runCli(['run', dir, '--reporter', 'json', '--out', out], { cwd: dir });
    const report = JSON.parse(await readFile(out, 'utf8'));
    const actions = report.steps[0].actions as Array<{ description: string; status: string; failure?: string }>;
    expect(actions.filter((a) => a.status !== 'passed')).toEqual([]);
    expect(actions).toHaveLength(7);
    // The embedded cluster is consistent at once: holding for 10s is one attempt, not ten seconds of them.
    expect(report.steps[0].checks[0]).toMatchObject({ passed: true, attempts: 1 });
    expect(code).toBe(0);
  });

  it('fails an exec whose exit code is not the expected one, with what it printed', async () => {
    const dir = await writeInlineLab({
      steps: `  - id: exec
    title: a command that fails
    actions:
      - exec: { from: test/deploy/curl, command: [curl, -sS, "http://nowhere.hello:5000/"] }
`,
    });
    const out = join(dir, 'report.json');
    const { code } = await runCli(['run', dir, '--reporter', 'json', '--out', out], { cwd: dir });
    const report = JSON.parse(await readFile(out, 'utf8'));
    expect(report.steps[0].actions[0].failure).toMatch(/^exited with code 6, expected 0:\n {4}curl: \(6\) Could not resolve host: nowhere.hello/);
    expect(code).toBe(1);
  });
});
