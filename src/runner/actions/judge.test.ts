import { describe, expect, it } from 'vitest';
import { judgeAction } from './index.ts';

const ok = { detail: [], warnings: [] };

describe('judgeAction', () => {
  it('passes an accepted apply without expectations and fails a refused one with the API words', () => {
    expect(judgeAction(ok, undefined)).toBeUndefined();
    expect(judgeAction({ ...ok, rejections: ['AuthorizationPolicy x was refused'] }, undefined)).toBe('AuthorizationPolicy x was refused');
  });

  it('holds `rejected` only when the API refused with that text', () => {
    expect(judgeAction({ ...ok, rejections: ['invalid policy: unknown attribute: custom.time_of_day'] }, { rejected: 'unknown attribute' })).toBeUndefined();
    expect(judgeAction(ok, { rejected: 'unknown attribute' })).toBe('expected the API to refuse it with "unknown attribute"; it was accepted');
  });

  it('fails `rejected` when the API also refused another document of the files for another reason', () => {
    const two = { ...ok, rejections: ['AuthorizationPolicy a: unknown attribute: custom.time_of_day', 'Service b: spec.ports: Required value'] };
    expect(judgeAction(two, { rejected: 'unknown attribute' })).toBe(
      'refused as expected, but the API also refused:\nService b: spec.ports: Required value',
    );
  });

  it('holds `warning` only when a warning contains the text', () => {
    expect(judgeAction({ ...ok, warnings: ['will deny all traffic to TCP ports'] }, { warning: 'TCP ports' })).toBeUndefined();
    expect(judgeAction(ok, { warning: 'TCP ports' })).toBe('expected a warning containing "TCP ports"; there was none');
  });

  it('fails a command with a non-zero exit unless exitCode or output expects it', () => {
    const failed = { ...ok, exitCode: 1, output: 'error: a valid label must be an empty string' };
    expect(judgeAction(failed, undefined)).toContain('exited with code 1, expected 0');
    expect(judgeAction(failed, { exitCode: 1, output: 'a valid label' })).toBeUndefined();
    expect(judgeAction(failed, { output: 'a valid label' })).toBeUndefined();
    expect(judgeAction(failed, { exitCode: 1, output: 'nope' })).toContain('expected output containing "nope"');
  });
});
