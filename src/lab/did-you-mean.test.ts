import { describe, expect, it } from 'vitest';
import { joinWords, measureEditDistance, suggestChoice } from './did-you-mean.ts';
import { formatPath } from './errors.ts';

describe('suggestChoice', () => {
  it.each([
    ['staus', ['status', 'error', 'curlExit'], 'status'],
    ['aply', ['apply', 'delete'], 'apply'],
    ['ambiant', ['ambient', 'default'], 'ambient'],
    ['Status', ['status'], 'status'],
    ['sumary', ['name', 'summary'], 'summary'],
    ['colour', ['name', 'title', 'summary'], undefined],
    ['fo', ['for', 'from'], 'for'],
    ['xyz', ['abc'], undefined],
  ])('suggests for "%s" among %j: %s', (word, choices, expected) => {
    expect(suggestChoice(word, choices)).toBe(expected);
  });

  it('counts an adjacent swap as one edit', () => {
    expect(measureEditDistance('exepct', 'expect')).toBe(1);
    expect(measureEditDistance('', 'abc')).toBe(3);
  });
});

describe('joinWords and formatPath', () => {
  it('joins words the way a sentence lists them', () => {
    expect(joinWords(['apply'])).toBe('apply');
    expect(joinWords(['apply', 'wait'])).toBe('apply and wait');
    expect(joinWords(['a', 'b', 'c'])).toBe('a, b and c');
  });

  it('writes a lab.yaml path with indexes in brackets', () => {
    expect(formatPath(['steps', 1, 'checks', 0, 'expect'])).toBe('steps[1].checks[0].expect');
    expect(formatPath(['setup', 0])).toBe('setup[0]');
    expect(formatPath([])).toBe('');
  });
});
