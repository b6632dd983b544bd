import { describe, expect, it } from 'vitest';
import { ISTIO_RANGE } from '../lab/schema.ts';
import { istioRangeNotice } from './istio-range.ts';

describe("a lab's mesh.istio range", () => {
  it.each([
    ['>=1.26', '1.28.0'],
    ['1.26 - 1.28', '1.28.0'],
    ['1.26.x || 1.28.x', '1.28.0'],
    ['>=1.26', '1.29.0-beta.1'],
    [undefined, '1.20.0'],
  ])('%s holds for Istio %s: no notice', (range, istio) => {
    expect(istioRangeNotice(range, istio)).toBeUndefined();
  });

  it.each([
    ['>=1.26', '1.24.0'],
    ['1.26 - 1.27', '1.28.0'],
    ['>=1.24 <1.28', '1.28.0'],
  ])('%s does not hold for Istio %s: the run says so', (range, istio) => {
    expect(istioRangeNotice(range, istio)).toBe(
      `This lab holds for Istio ${range}; the cluster runs ${istio}, so a check that fails may be the version, not the lesson.`,
    );
  });

  it('is written in any form semver reads, hyphen ranges included', () => {
    for (const range of ['>=1.24', '1.24 - 1.28', '>=1.24 <1.29', '^1.26', '1.26.x || >=1.28']) expect(ISTIO_RANGE.test(range)).toBe(true);
    for (const range of ['1.24 -', 'latest', '>= 1.24 ||']) expect(ISTIO_RANGE.test(range)).toBe(false);
  });
});
