import { describe, expect, it } from 'vitest';
import type { Check } from '../lab/schema.ts';
import { discriminationFacts } from './run-step.ts';

const check = (documented?: { status: number }): Check => ({
  from: 'test/curl',
  url: 'http://a:1/',
  expect: { status: 200 },
  ...(documented ? { documented } : {}),
});

describe('discriminationFacts', () => {
  it('says nothing of a check the step changed', () => {
    expect(discriminationFacts([check()], [false], 0)).toEqual({});
  });

  it('calls a check vacuous when it held before and nothing else in the step changed', () => {
    expect(discriminationFacts([check(), check()], [true, true], 0)).toEqual({ unchanged: true, vacuous: true });
  });

  it('keeps a boundary check (held before, but another check of the step changed) as unchanged only', () => {
    expect(discriminationFacts([check(), check()], [true, false], 0)).toEqual({ unchanged: true });
  });

  it("keeps a check that records a lesson's claim (documented) as unchanged only", () => {
    expect(discriminationFacts([check({ status: 503 })], [true], 0)).toEqual({ unchanged: true });
  });
});
