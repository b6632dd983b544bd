import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { HELLO_URL, writeInlineLab } from './testing/inline-lab.ts';
import { runCli } from './testing/run-cli.ts';

const steps = `  - id: reachable
    title: helloworld answers
    explain: |
      First line of the explanation.
      Second line.
      Third line, only shown in full in guided mode.
    checks:
      - from: test/deploy/curl
        url: ${HELLO_URL}
        expect: { status: 200 }
  - id: strict
    title: Make plaintext fail
    challenge: true
    explain: Write a PeerAuthentication that makes the mesh STRICT.
    actions:
      - apply: manifests/strict.yaml
    checks:
      - from: test/deploy/curl
        url: ${HELLO_URL}
        expect: { error: reset }
`;

async function guided(keys: string[]) {
  const dir = await writeInlineLab({ steps });
  const { code, stdout } = await runCli(['run', dir, '--guided'], { cwd: dir, input: Readable.from(keys.map((k) => `${k}\n`)) });
  return { code, out: stdout };
}

describe('guided mode', () => {
  it('shows the whole explanation, waits for Enter, and lets the learner check a challenge, then apply the reference', async () => {
    // Enter: run step 1; Enter: check the challenge (nothing done yet, fails); s: apply the reference.
    const { code, out } = await guided(['', '', 's']);
    expect(out).toContain('Next: reachable — helloworld answers');
    expect(out).toContain('Third line, only shown in full in guided mode.');
    expect(out).toContain('Enter to apply, s to skip, q to quit:');
    expect(out).toContain('--- manifests/strict.yaml');
    expect(out).toContain('mode: STRICT');
    expect(out).toContain('Challenge: Make plaintext fail. Do it in your own shell, then come back.');
    expect(out).toContain('Not yet:');
    expect(out).toContain('expected error reset (curl exit 56); observed status 200');
    expect(out).toContain('✓ inline-lab passed');
    expect(code).toBe(0);
  });

  it('stops when the learner quits, without failing what ran', async () => {
    const { code, out } = await guided(['q']);
    expect(out).not.toContain('● reachable');
    expect(code).toBe(0);
  });
});
