// --reporter tty (the default): narrates the run as it goes; quiet for what passed, loud for what failed.
import type { Ora } from 'ora';
import { describeObserved, describeOutcome } from '../runner/checks/outcome.ts';
import type { RequestExpect } from '../lab/schema.ts';
import type { CheckResult } from '../runner/events.ts';
import type { Reporter } from './reporter.ts';
import { summarize } from './summary.ts';
import { countOf, wrapParagraph } from './text.ts';

export interface TtyOptions {
  write: (text: string) => void;
  colors: { green: (s: string) => string; red: (s: string) => string; yellow: (s: string) => string; dim: (s: string) => string; bold: (s: string) => string };
  spinners?: Spinners; // only on a TTY
  explainLines?: number; // how many lines of each step's explanation to show (guided mode shows them all itself)
  width?: number; // the terminal's columns, for the lab's summary (default 100)
}

const observedText = (c: CheckResult) => {
  if (!c.observed) return '';
  if ('exists' in c.observed) return c.observed.condition ? `${c.observed.condition.type}=${c.observed.condition.status}` : c.observed.exists ? 'exists' : 'absent';
  return describeObserved(c.observed);
};

function driftLines(c: CheckResult): string[] {
  if (!c.drift) return [];
  const documented = describeOutcome(c.drift.documented as RequestExpect);
  const quote = c.drift.quote ? ` ("${c.drift.quote.trim().split('\n')[0]}")` : '';
  return [`doc drift: the lesson says ${documented}${quote}`, ...(c.drift.note ? [c.drift.note] : [])];
}

// ora, loaded by the caller only when there is a terminal to spin on (it takes tens of milliseconds to load).
export interface Spinners {
  ora: typeof import('ora').default;
  stream: NodeJS.WritableStream;
}

export async function loadSpinners(stream: NodeJS.WritableStream): Promise<Spinners> {
  return { ora: (await import('ora')).default, stream };
}

export function createTtyReporter(options: TtyOptions): Reporter {
  const { write, colors: c } = options;
  const line = (text = '') => write(`${text}\n`);
  let spinner: Ora | undefined;
  const stopSpinner = () => {
    spinner?.stop();
    spinner = undefined;
  };
  return {
    onLabBegin(lab, target, istio) {
      line(`${c.bold(`▶ ${lab.name}`)} — ${lab.title} ${c.dim(`(${target}, Istio ${istio})`)}`);
      for (const text of wrapParagraph(lab.summary, options.width ?? 100, '  ')) line(c.dim(text));
    },
    onSetupBegin(actions) {
      line(c.dim(`  setup: ${countOf(actions.length, 'action')}`));
    },
    onStepBegin(step, _index, mode) {
      line();
      if (mode === 'fast-forward') {
        line(c.dim(`» ${step.id} — ${step.title} (actions only, to reach the selected steps)`));
        return;
      }
      line(`${c.bold(`● ${step.id}`)} — ${step.title}${step.challenge ? c.yellow(' [challenge]') : ''}`);
      const explain = (step.explain ?? '').trim().split('\n').filter(Boolean).slice(0, options.explainLines ?? 2);
      for (const text of explain) line(c.dim(`  ${text}`));
    },
    onActionEnd(result) {
      if (result.stepId === 'setup' && result.status === 'passed') return;
      if (result.status === 'passed') {
        line(`  ${c.dim('↳')} ${result.description}`);
        for (const d of result.detail.filter((d) => d.startsWith('Warning:') || d.startsWith('refused as expected'))) line(c.dim(`    ${d}`));
        return;
      }
      line(`  ${c.red('✗')} ${result.stepId} › ${result.description}`);
      for (const text of (result.failure ?? '').split('\n')) line(`    ${text}`);
    },
    onCheckBegin(_stepId, name) {
      if (options.spinners) spinner = options.spinners.ora({ text: name, stream: options.spinners.stream, prefixText: ' ', discardStdin: false }).start();
    },
    onCheckEnd(result) {
      stopSpinner();
      if (result.status === 'skipped') return line(c.dim(`  - ${result.name} (skipped)`));
      if (result.status === 'passed') {
        line(`  ${c.green('✓')} ${result.name} ${c.dim(`→ ${observedText(result)}`)}`);
      } else {
        line(`  ${c.red('✗')} ${result.stepId} › ${result.name}`);
        line(`    ${result.failure ?? ''}`);
        if (result.command) line(c.dim(`    $ ${result.command}`));
        for (const out of (result.output ?? '').split(/\r?\n/).filter(Boolean).slice(0, 12)) line(c.dim(`    | ${out}`));
        if (result.explanation?.length) {
          line('    why (labs explain):');
          for (const text of result.explanation) line(`      ${text}`);
        }
      }
      for (const text of driftLines(result)) line(c.yellow(`    ≠ ${text}`));
      if (result.vacuous) line(c.yellow('    ⚠ vacuous: this check already held before the step ran, and nothing else in the step changed: it teaches nothing'));
      else if (result.unchanged) line(c.dim('    (held before the step too: it pins what the step must leave alone, or a lesson claim that does not hold)'));
    },
    onLog: (message) => line(c.dim(message)),
    onLabEnd(report) {
      stopSpinner();
      const s = summarize(report);
      const counts = `${countOf(s.steps, 'step')}, ${countOf(s.checks, 'check')}, ${countOf(s.drift, 'doc drift')}${s.vacuous ? `, ${s.vacuous} vacuous` : ''}`;
      const time = `${Math.round(report.durationMs)}ms`;
      line();
      if (report.passed) line(`${c.green('✓')} ${report.lab} passed: ${counts} (${time})`);
      else line(`${c.red('✗')} ${report.lab} ${report.error ?? 'failed'}: ${s.failed} failed of ${counts} (${time})`);
    },
  };
}
