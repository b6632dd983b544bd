// Counts over a lab report, shared by every reporter.
import type { CheckResult, LabReport } from '../runner/events.ts';

export interface LabSummary {
  steps: number;
  checks: number;
  failed: number;
  skipped: number;
  drift: number;
  vacuous: number;
}

export const allChecks = (report: LabReport): CheckResult[] => report.steps.flatMap((s) => s.checks);

export function summarize(report: LabReport): LabSummary {
  const checks = allChecks(report);
  return {
    steps: report.steps.length,
    checks: checks.length,
    failed: checks.filter((c) => c.status === 'failed').length + report.setup.filter((a) => a.status === 'failed').length +
      report.steps.flatMap((s) => s.actions).filter((a) => a.status === 'failed').length,
    skipped: checks.filter((c) => c.status === 'skipped').length,
    drift: checks.filter((c) => c.drift).length,
    vacuous: checks.filter((c) => c.vacuous).length,
  };
}
