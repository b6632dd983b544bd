// --reporter json: the on-disk shape of LAB-FORMAT.md "Reports", declared here and nowhere else.
import type { CheckResult, LabReport } from '../runner/events.ts';
import type { Reporter } from './reporter.ts';
import { summarize } from './summary.ts';

interface JsonCheck {
  name: string;
  passed: boolean;
  status: CheckResult['status'];
  attempts: number;
  durationMs: number;
  convergedMs?: number;
  command?: string;
  expected: unknown;
  observed?: unknown;
  failure?: string;
  explanation?: string[];
  drift?: CheckResult['drift'];
  unchanged?: boolean;
  vacuous?: boolean;
}

// One lab's report as JSON.
export function toJsonReport(report: LabReport) {
  return {
    lab: report.lab,
    target: report.target,
    istio: report.istio,
    passed: report.passed,
    durationMs: Math.round(report.durationMs),
    ...(report.error ? { error: report.error } : {}),
    ...(report.apiRequests !== undefined ? { apiRequests: report.apiRequests } : {}),
    setup: report.setup.map((a) => ({ action: a.description, status: a.status, ...(a.failure ? { failure: a.failure } : {}) })),
    steps: report.steps.map((s) => ({
      id: s.id,
      status: s.status,
      actions: s.actions.map((a) => ({ action: a.description, status: a.status, detail: a.detail, ...(a.failure ? { failure: a.failure } : {}) })),
      checks: s.checks.map(toJsonCheck),
    })),
    summary: summarize(report),
  };
}

function toJsonCheck(c: CheckResult): JsonCheck {
  return {
    name: c.name,
    passed: c.status === 'passed',
    status: c.status,
    attempts: c.attempts,
    durationMs: Math.round(c.durationMs),
    ...(c.convergedMs !== undefined ? { convergedMs: Math.round(c.convergedMs) } : {}),
    ...(c.command ? { command: c.command } : {}),
    expected: c.expected,
    ...(c.observed ? { observed: compactObserved(c.observed) } : {}),
    ...(c.failure ? { failure: c.failure } : {}),
    ...(c.explanation ? { explanation: c.explanation } : {}),
    ...(c.drift ? { drift: c.drift } : {}),
    ...(c.unchanged ? { unchanged: true } : {}),
    ...(c.vacuous ? { vacuous: true } : {}),
  };
}

// Keep the report readable: bodies are cut to 2 KiB.
function compactObserved(observed: NonNullable<CheckResult['observed']>) {
  if ('body' in observed && observed.body.length > 2048) return { ...observed, body: `${observed.body.slice(0, 2048)}…` };
  return observed;
}

// Several labs (labs verify) as one document.
export function toJsonVerifyReport(reports: LabReport[]) {
  const labs = reports.map(toJsonReport);
  return {
    labs,
    summary: {
      labs: labs.length,
      failed: labs.filter((l) => !l.passed).length,
      checks: labs.reduce((n, l) => n + l.summary.checks, 0),
      drift: labs.reduce((n, l) => n + l.summary.drift, 0),
      vacuous: labs.reduce((n, l) => n + l.summary.vacuous, 0),
    },
  };
}

// A reporter that writes the JSON document once every lab has run.
export function createJsonReporter(options: { write: (text: string) => Promise<void> | void; many: boolean }): Reporter {
  return {
    onEnd: (reports) => {
      const document = options.many || reports.length !== 1 ? toJsonVerifyReport(reports) : toJsonReport(reports[0]!);
      return options.write(`${JSON.stringify(document, null, 2)}\n`);
    },
  };
}
