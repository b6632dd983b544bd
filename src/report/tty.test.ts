import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { sampleReport } from './testing.ts';
import { createTtyReporter, loadSpinners, type Spinners } from './tty.ts';

const plain = { green: String, red: String, yellow: String, dim: String, bold: String };

function narrate(spinners?: Spinners) {
  let text = '';
  const reporter = createTtyReporter({ write: (t) => (text += t), colors: plain, ...(spinners ? { spinners } : {}) });
  return { reporter, text: () => text };
}

describe('the tty reporter', () => {
  it('opens a lab with its name, title and target, then its summary wrapped to the terminal', () => {
    let text = '';
    const reporter = createTtyReporter({ write: (t) => (text += t), colors: plain, width: 40 });
    const lab = { name: 'strict-mtls', title: 'Strict mTLS', summary: 'Enforce STRICT mTLS for the mesh and watch a plaintext client get reset.' };
    reporter.onLabBegin!(lab as Parameters<NonNullable<typeof reporter.onLabBegin>>[0], 'embedded', '1.28.0');
    expect(text.split('\n')).toEqual([
      '▶ strict-mtls — Strict mTLS (embedded, Istio 1.28.0)',
      '  Enforce STRICT mTLS for the mesh and',
      '  watch a plaintext client get reset.',
      '',
    ]);
  });

  it('ends a passing lab with its counts, in the singular where there is one', () => {
    const { reporter, text } = narrate();
    const report = sampleReport({ passed: true, durationMs: 120 });
    report.steps[0]!.checks = [report.steps[0]!.checks[0]!];
    reporter.onLabEnd!(report);
    expect(text().trim()).toBe('✓ 080-authorization passed: 1 step, 1 check, 1 doc drift (120ms)');
  });

  it('ends a failing lab with how many checks failed, in the plural where there are several', () => {
    const { reporter, text } = narrate();
    reporter.onLabEnd!(sampleReport());
    expect(text().trim()).toBe('✗ 080-authorization failed: 1 failed of 1 step, 3 checks, 1 doc drift (412ms)');
  });

  it('shows a failed check in full: what was expected and observed, the curl command and its output', () => {
    const { reporter, text } = narrate();
    reporter.onCheckEnd!(sampleReport().steps[0]!.checks[1]!);
    expect(text().split('\n')).toEqual([
      '  ✗ strict-mtls › portal may GET travels',
      '    expected status 200; observed status 403 ("RBAC: access denied")',
      '    $ kubectl exec -n travel-portal deploy/viaggi -- curl -sS -i http://travels:8000/',
      '    | HTTP/1.1 403 Forbidden',
      '    | RBAC: access denied',
      '',
    ]);
  });

  it('spins ora on the terminal stream while a check runs, and only when it was given spinners', async () => {
    const cursor = { cursorTo: () => true, clearLine: () => true, moveCursor: () => true };
    const stream = Object.assign(new PassThrough(), { isTTY: true, columns: 80 }, cursor);
    let spun = '';
    stream.on('data', (d: Buffer) => (spun += d.toString()));
    const { reporter } = narrate(await loadSpinners(stream));
    reporter.onCheckBegin!('strict-mtls', 'test/curl -> GET http://helloworld.hello:5000/hello', undefined);
    reporter.onCheckEnd!(sampleReport().steps[0]!.checks[0]!);
    expect(spun).toContain('test/curl -> GET http://helloworld.hello:5000/hello');

    const quiet = narrate();
    quiet.reporter.onCheckBegin!('strict-mtls', 'a check', undefined);
    quiet.reporter.onCheckEnd!(sampleReport().steps[0]!.checks[0]!);
    expect(quiet.text()).not.toContain('a check\n');
  });
});
