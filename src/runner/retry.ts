// Retrying an observation until it matches (`timeout`) or while it keeps matching (`consistently`).
// Every error an observation throws is retried until the deadline (a pod not ready yet, a policy not yet
// pushed to a proxy); interruption is never retried.
import { throwIfInterrupted, type Clock } from './context.ts';

export interface Attempt<T> {
  value?: T;
  error?: unknown;
  matched: boolean;
}

export interface RetryResult<T> {
  last: Attempt<T>;
  attempts: number;
  elapsedMs: number;
  convergedMs?: number;
}

interface RetryOptions {
  clock: Clock;
  signal: AbortSignal;
  timeoutMs: number; // 0: a single attempt
}

const BACKOFF_MS = [200, 400, 800, 1500, 2000];

async function attempt<T>(observe: () => Promise<T>, matches: (v: T) => boolean): Promise<Attempt<T>> {
  try {
    const value = await observe();
    return { value, matched: matches(value) };
  } catch (error) {
    return { error, matched: false };
  }
}

// Observe until the outcome matches or the timeout passes.
export async function until<T>(observe: () => Promise<T>, matches: (v: T) => boolean, options: RetryOptions): Promise<RetryResult<T>> {
  const start = options.clock.now();
  let attempts = 0;
  for (;;) {
    throwIfInterrupted(options.signal);
    attempts++;
    const last = await attempt(observe, matches);
    const elapsedMs = options.clock.now() - start;
    if (last.matched) return { last, attempts, elapsedMs, convergedMs: elapsedMs };
    if (elapsedMs >= options.timeoutMs) return { last, attempts, elapsedMs };
    const wait = BACKOFF_MS[Math.min(attempts - 1, BACKOFF_MS.length - 1)]!;
    await options.clock.sleep(Math.min(wait, Math.max(0, options.timeoutMs - elapsedMs)), options.signal);
  }
}

// Observe for the whole duration; fail at the first outcome that does not match.
export async function consistently<T>(
  observe: () => Promise<T>,
  matches: (v: T) => boolean,
  options: RetryOptions & { durationMs: number },
): Promise<RetryResult<T>> {
  const start = options.clock.now();
  let attempts = 0;
  for (;;) {
    throwIfInterrupted(options.signal);
    attempts++;
    const last = await attempt(observe, matches);
    const elapsedMs = options.clock.now() - start;
    if (!last.matched || elapsedMs >= options.durationMs) return { last, attempts, elapsedMs };
    await options.clock.sleep(Math.min(1000, options.durationMs - elapsedMs), options.signal);
  }
}
