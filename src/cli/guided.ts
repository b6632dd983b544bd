// Guided mode: each step's whole explanation and the manifests it applies, then the learner decides
// (Enter to apply, s to skip, q to quit); challenge steps are done by the learner in their own shell.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { actionKind, type Step } from '../lab/schema.ts';
import type { CheckResult } from '../runner/events.ts';
import type { ChallengeChoice } from '../runner/run-step.ts';
import type { CliContext } from './context.ts';
import { paint } from './terminal.ts';

export interface GuidedLab {
  dir: string;
  kubeconfigHint?: () => string | undefined;
}

const asList = (p: string | string[]) => (typeof p === 'string' ? [p] : p);

export function createGuidedHooks(ctx: CliContext) {
  const c = paint(ctx.terminal);
  const lines = createInterface({ input: ctx.terminal.input!, terminal: false })[Symbol.asyncIterator]();
  let lab: GuidedLab | undefined;
  const ask = async (prompt: string): Promise<string> => {
    ctx.terminal.out(`${prompt} `);
    const next = await lines.next();
    return next.done ? 'q' : String(next.value).trim().toLowerCase();
  };
  const show = (text: string) => ctx.terminal.out(`${text}\n`);
  const showStep = (step: Step) => {
    show('');
    show(c.bold(`Next: ${step.id} — ${step.title}${step.challenge ? ' [challenge]' : ''}`));
    for (const text of (step.explain ?? '').trim().split('\n')) show(`  ${text}`);
    for (const action of step.actions ?? []) {
      if (actionKind(action) !== 'apply' || !lab) continue;
      for (const file of asList((action as { apply: string | string[] }).apply)) {
        show(c.dim(`\n  --- ${file}`));
        for (const text of readFileSync(join(lab.dir, file), 'utf8').trimEnd().split('\n')) show(c.cyan(`  ${text}`));
      }
    }
    show('');
  };
  return {
    setLab(value: GuidedLab) {
      lab = value;
    },
    async beforeStep(step: Step): Promise<'run' | 'skip' | 'quit'> {
      showStep(step);
      if (step.challenge) return 'run';
      const key = await ask(c.bold('Enter to apply, s to skip, q to quit:'));
      return key === 'q' ? 'quit' : key === 's' ? 'skip' : 'run';
    },
    async challenge(step: Step, last: CheckResult[] | undefined): Promise<ChallengeChoice> {
      if (last) {
        show(c.yellow('  Not yet:'));
        for (const check of last.filter((r) => r.status === 'failed')) show(`    ✗ ${check.name}: ${check.failure ?? ''}`);
      } else {
        show(c.yellow(`  Challenge: ${step.title}. Do it in your own shell, then come back.`));
        const hint = lab?.kubeconfigHint?.();
        if (hint) show(c.dim(`  In your shell: export KUBECONFIG=${hint}`));
      }
      const key = await ask(c.bold('Enter to check your work, s to apply the reference solution, n to skip, q to quit:'));
      return key === 'q' ? 'quit' : key === 's' ? 'solve' : key === 'n' ? 'skip' : 'check';
    },
  };
}
