import { describe, expect, it } from 'vitest';
import { toJsonReport, toJsonVerifyReport } from './json.ts';
import { sampleReport } from './testing.ts';

describe('the JSON report', () => {
  it('has the shape LAB-FORMAT.md documents, with passed and drift derived from the facts', () => {
    const json = toJsonReport(sampleReport());
    expect(json).toMatchObject({ lab: '080-authorization', target: 'embedded', istio: '1.28.0', passed: false, durationMs: 412 });
    expect(json.steps[0]!.checks[0]).toMatchObject({
      passed: true,
      attempts: 1,
      expected: { error: 'reset' },
      observed: { error: 'reset', curlExit: 56 },
      drift: { documented: { status: 503 } },
    });
    expect(json.summary).toEqual({ steps: 1, checks: 3, failed: 1, skipped: 1, drift: 1, vacuous: 0 });
  });

  it('wraps several labs with a summary for labs verify', () => {
    const json = toJsonVerifyReport([sampleReport(), sampleReport({ lab: 'other', passed: true })]);
    expect(json.summary).toEqual({ labs: 2, failed: 1, checks: 6, drift: 2, vacuous: 0 });
  });
});
