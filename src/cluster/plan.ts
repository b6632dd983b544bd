// Dry-run plans: the ordered list of commands, downloads and API calls a provider would make.
// `labs up --dry-run` prints formatPlan(plan); nothing in a plan has happened.

export type PlanStep =
  | { kind: 'run'; command: string; args: string[]; when?: string; input?: string /* what is fed on stdin */ }
  | { kind: 'download'; url: string; to: string }
  | { kind: 'verify'; file: string; checksumUrl: string }
  | { kind: 'extract'; archive: string; to: string }
  | { kind: 'write'; file: string; what: string }
  | { kind: 'start-container'; image: string; args: string[]; name: string; notes: string[] }
  | { kind: 'api'; verb: 'get' | 'apply'; resource: string; context: string };

export interface Plan {
  readonly steps: PlanStep[];
}

export interface PlanRecorder extends Plan {
  record(step: PlanStep): void;
}

// Create an empty plan that steps are recorded into
export function createPlan(): PlanRecorder {
  const steps: PlanStep[] = [];
  return { steps, record: (step) => void steps.push(step) };
}

const safeWord = /^[\w@%+=:,./-]+$/;

// Quote one shell word the way a person would type it
export function quoteArg(arg: string): string {
  if (arg !== '' && safeWord.test(arg)) return arg;
  return `'${arg.replaceAll("'", `'\\''`)}'`;
}

function formatStep(step: PlanStep): string {
  switch (step.kind) {
    case 'run': {
      const line = ['run', step.command, ...step.args.map(quoteArg)].join(' ');
      const input = step.input === undefined ? '' : ` < (${step.input})`;
      return step.when ? `${line}${input}   # if ${step.when}` : `${line}${input}`;
    }
    case 'download':
      return `download ${step.url} -> ${step.to}`;
    case 'verify':
      return `verify sha256 ${step.file} against ${step.checksumUrl}`;
    case 'extract':
      return `extract ${step.archive} -> ${step.to}`;
    case 'write':
      return `write ${step.file} (${step.what})`;
    case 'start-container':
      return `start container ${step.name} from ${step.image}: ${step.args.map(quoteArg).join(' ')} (${step.notes.join(', ')})`;
    case 'api':
      return `api ${step.verb} ${step.resource} (context ${step.context})`;
  }
}

// The plan as printable lines, with the home folder shown as ~
export function formatPlan(plan: Plan, options: { home?: string } = {}): string[] {
  const home = options.home;
  return plan.steps.map((step) => {
    const line = formatStep(step);
    return home ? line.replaceAll(`${home}/`, '~/') : line;
  });
}
