// --reporter junit: a testsuite per lab, a testcase per check (and per failed action), failures with detail.
import type { LabReport } from '../runner/events.ts';
import type { Reporter } from './reporter.ts';

// XML 1.0 allows tab, newline and carriage return among the control characters; drop the others.
const escapeXml = (text: string) =>
  text
    // eslint-disable-next-line no-control-regex -- the allowed control characters are the point
    .replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

const seconds = (ms: number) => (ms / 1000).toFixed(3);

interface TestCase {
  classname: string;
  name: string;
  ms: number;
  failure?: { message: string; detail: string };
  skipped?: boolean;
  out?: string;
}

function testCases(report: LabReport): TestCase[] {
  const cases: TestCase[] = [];
  for (const action of report.setup.filter((a) => a.status === 'failed')) {
    cases.push({ classname: `${report.lab}.setup`, name: action.description, ms: 0, failure: { message: action.failure ?? 'failed', detail: action.detail.join('\n') } });
  }
  for (const step of report.steps) {
    for (const action of step.actions.filter((a) => a.status === 'failed')) {
      cases.push({ classname: `${report.lab}.${step.id}`, name: action.description, ms: 0, failure: { message: action.failure ?? 'failed', detail: action.detail.join('\n') } });
    }
    for (const check of step.checks) {
      const drift = check.drift
        ? `doc drift: the lesson says ${JSON.stringify(check.drift.documented)}${check.drift.quote ? ` ("${check.drift.quote}")` : ''}; ${check.drift.note ?? ''}`
        : undefined;
      cases.push({
        classname: `${report.lab}.${step.id}`,
        name: check.name,
        ms: check.durationMs,
        ...(check.status === 'skipped' ? { skipped: true } : {}),
        ...(check.status === 'failed'
          ? { failure: { message: check.failure ?? 'failed', detail: [check.command ? `$ ${check.command}` : '', check.output ?? ''].join('\n') } }
          : {}),
        ...(drift ? { out: drift } : {}),
      });
    }
  }
  return cases;
}

function renderCase(c: TestCase): string {
  const open = `    <testcase classname="${escapeXml(c.classname)}" name="${escapeXml(c.name)}" time="${seconds(c.ms)}"`;
  const body = [
    c.skipped ? '      <skipped/>' : '',
    c.failure ? `      <failure message="${escapeXml(c.failure.message)}">${escapeXml(c.failure.detail)}</failure>` : '',
    c.out ? `      <system-out>${escapeXml(c.out)}</system-out>` : '',
  ].filter(Boolean);
  return body.length ? `${open}>\n${body.join('\n')}\n    </testcase>` : `${open}/>`;
}

// The JUnit XML document for the labs run.
export function toJunitXml(reports: LabReport[]): string {
  const suites = reports.map((report) => {
    const cases = testCases(report);
    const failures = cases.filter((c) => c.failure).length;
    const skipped = cases.filter((c) => c.skipped).length;
    return [
      `  <testsuite name="${escapeXml(report.lab)}" tests="${cases.length}" failures="${failures}" skipped="${skipped}" errors="${report.error && report.error !== 'setup failed' ? 1 : 0}" time="${seconds(report.durationMs)}">`,
      `    <properties><property name="target" value="${escapeXml(report.target)}"/><property name="istio" value="${escapeXml(report.istio)}"/></properties>`,
      ...cases.map(renderCase),
      '  </testsuite>',
    ].join('\n');
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="labs">\n${suites.join('\n')}\n</testsuites>\n`;
}

export function createJunitReporter(options: { write: (text: string) => Promise<void> | void }): Reporter {
  return { onEnd: (reports) => options.write(toJunitXml(reports)) };
}
