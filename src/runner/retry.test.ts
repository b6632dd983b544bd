import { describe, expect, it } from 'vitest';
import type { Clock } from './context.ts';
import { consistently, until } from './retry.ts';

// A clock that only moves when the code under test sleeps.
function fakeClock(): Clock & { slept: number[] } {
  let now = 0;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  };
}

const signal = new AbortController().signal;

describe('until', () => {
  it('makes a single attempt when the target converges at once (timeout 0)', async () => {
    const clock = fakeClock();
    const result = await until(async () => 200, (s) => s === 403, { clock, signal, timeoutMs: 0 });
    expect(result).toMatchObject({ attempts: 1, last: { value: 200, matched: false } });
    expect(clock.slept).toEqual([]);
  });

  it('retries with backoff until the outcome matches, and records when it converged', async () => {
    const clock = fakeClock();
    const outcomes = [200, 200, 200, 403];
    const result = await until(async () => outcomes.shift()!, (s) => s === 403, { clock, signal, timeoutMs: 30_000 });
    expect(result.attempts).toBe(4);
    expect(clock.slept).toEqual([200, 400, 800]);
    expect(result.convergedMs).toBe(1400);
  });

  it('retries errors (a pod not ready yet) until the deadline and keeps the last one', async () => {
    const clock = fakeClock();
    const result = await until(async () => Promise.reject(new Error('no ready pod')), () => true, { clock, signal, timeoutMs: 3000 });
    expect((result.last.error as Error).message).toBe('no ready pod');
    expect(clock.now()).toBe(3000);
  });

  it('stops at once with an interruption when the run was aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(until(async () => 1, () => false, { clock: fakeClock(), signal: controller.signal, timeoutMs: 1000 })).rejects.toMatchObject({
      kind: 'interrupted',
    });
  });
});

describe('consistently', () => {
  it('fails at the first outcome that breaks the expectation', async () => {
    const clock = fakeClock();
    const outcomes = [403, 403, 200, 403];
    const result = await consistently(async () => outcomes.shift()!, (s) => s === 403, { clock, signal, timeoutMs: 0, durationMs: 5000 });
    expect(result).toMatchObject({ attempts: 3, last: { value: 200, matched: false } });
  });

  it('holds when every sample over the duration matches', async () => {
    const clock = fakeClock();
    const result = await consistently(async () => 403, (s) => s === 403, { clock, signal, timeoutMs: 0, durationMs: 3000 });
    expect(result.last.matched).toBe(true);
    expect(result.attempts).toBe(4);
  });
});
