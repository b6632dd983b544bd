import { describe, expect, it } from 'vitest';
import { spinnerStreamOf } from './terminal.ts';

describe('where check spinners draw', () => {
  const tty = (columns?: number) => ({ isTTY: true, ...(columns === undefined ? {} : { columns }) });

  it('draws on stderr when a person watches both streams in a terminal with a width', () => {
    const stderr = tty(120);
    expect(spinnerStreamOf(tty(120), stderr)).toBe(stderr);
  });

  it('does not spin when either stream is a pipe or a file', () => {
    expect(spinnerStreamOf({ isTTY: false }, tty(120))).toBeUndefined();
    expect(spinnerStreamOf(tty(120), { isTTY: false })).toBeUndefined();
  });

  it('does not spin on a pseudo-terminal that reports no columns, where ora would clear lines forever', () => {
    expect(spinnerStreamOf(tty(0), tty(0))).toBeUndefined();
    expect(spinnerStreamOf(tty(), tty())).toBeUndefined();
  });
});
