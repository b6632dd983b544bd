import { describe, expect, it } from 'vitest';
import { selectSteps } from './selection.ts';

const steps = ['a', 'b', 'c', 'd'].map((id) => ({ id, title: id }));

describe('selectSteps', () => {
  it('runs every step by default', () => {
    expect(selectSteps(steps)).toEqual(['run', 'run', 'run', 'run']);
  });

  it('fast-forwards the steps before --step and skips the ones after', () => {
    expect(selectSteps(steps, { step: 'c' })).toEqual(['fast-forward', 'fast-forward', 'run', 'skip']);
  });

  it('combines --from and --until into a range', () => {
    expect(selectSteps(steps, { from: 'b', until: 'c' })).toEqual(['fast-forward', 'run', 'run', 'skip']);
  });

  it('names the steps there are when a step id is unknown', () => {
    expect(() => selectSteps(steps, { from: 'x' })).toThrow('--from x: no such step; the steps are a, b, c, d');
  });
});
