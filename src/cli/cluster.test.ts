import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HELLO_URL, writeInlineLab } from './testing/inline-lab.ts';
import { runCli } from './testing/run-cli.ts';

// An instructor's and a learner's day on one cluster that `labs up` started in the background.
describe('a cluster that outlives one command (labs up, check, solve, reset, down)', () => {
  let home: string;
  let lab: string;
  const cli = async (...argv: string[]) => {
    const { code, stdout, stderr } = await runCli(argv, { cwd: lab, home });
    return { code, out: stdout, err: stderr };
  };

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'labs-home-'));
    lab = await writeInlineLab({
      steps: `  - id: strict
    title: STRICT mTLS
    challenge: true
    actions:
      - apply: manifests/strict.yaml
    checks:
      - from: test/deploy/curl
        url: ${HELLO_URL}
        expect: { error: reset }
`,
    });
  });

  afterAll(async () => {
    await cli('down');
  });

  it('refuses check without a cluster that is up, and says how to start one', async () => {
    const { code, err } = await cli('check', lab, '--step', 'strict');
    expect(code).toBe(2);
    expect(err).toContain('no embedded cluster is up: start one with `labs up --target embedded`');
  });

  it('starts a cluster with labs up that real kubectl reaches through the printed KUBECONFIG', async () => {
    const up = await cli('up');
    expect(up.code).toBe(0);
    const kubeconfig = /export KUBECONFIG=(\S+)/.exec(up.out)?.[1];
    expect(kubeconfig).toBeDefined();
    const status = await cli('status');
    expect(status.out).toMatch(/embedded: up at https:\/\/127\.0\.0\.1:\d+/);
    const kubectl = await execa('kubectl', ['get', 'ns', 'istio-system', '-o', 'name'], {
      env: { KUBECONFIG: kubeconfig!, KUBECACHEDIR: join(home, 'kube-cache'), HOME: home },
      reject: false,
    });
    expect(kubectl.stdout.trim()).toBe('namespace/istio-system');
  });

  it('runs the lab up to its challenge, checks the learner\'s work, and applies the reference with solve', async () => {
    expect((await cli('run', lab, '--until', 'strict')).code).toBe(0);
    // The run applied the reference; put the cluster back to the lab's start and check the unsolved state.
    const reset = await cli('reset', lab);
    expect(reset.code).toBe(0);
    expect(reset.out).toMatch(/inline-lab: removed \d+ objects/);
    const before = await cli('check', lab, '--step', 'strict');
    expect(before.code).toBe(1);
    expect(before.out).toContain('1 of 1 checks still fail.');
    expect(before.out).toContain('expected error reset (curl exit 56); observed status 200');
    expect((await cli('solve', lab, '--step', 'strict')).out).toContain('peerauthentication/default applied');
    const after = await cli('check', lab, '--step', 'strict');
    expect(after.code).toBe(0);
    expect(after.out).toContain('All 1 checks hold.');
  });

  it('gives the same result when a lab runs twice on the same cluster', async () => {
    const first = await cli('run', lab, '--reporter', 'json');
    const second = await cli('run', lab, '--reporter', 'json');
    expect(second.code).toBe(0);
    const outcome = (out: string) => JSON.parse(out).steps[0].checks[0].observed;
    expect(outcome(second.out)).toEqual(outcome(first.out));
  });

  it('stops the cluster with labs down', async () => {
    expect((await cli('down')).out).toContain('embedded cluster stopped');
    expect((await cli('status')).out).toContain('embedded: not up');
  });
});
