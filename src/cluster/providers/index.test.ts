import { describe, expect, it } from 'vitest';
import { createProvider } from './index.ts';

// How long a check may take to converge when it names no timeout is the target's to say (the runner issue):
// a real cluster programs its proxies asynchronously; the embedded one is consistent at once.
describe('the convergence a target allows a check without a timeout', () => {
  const deps = { home: '/nowhere/.labs', yes: true, env: {} };

  it.each([
    ['kind', 30_000],
    ['k3s', 30_000],
    ['context=kind-labs', 30_000],
    ['embedded', 0],
  ])('%s: %i ms', async (target, ms) => {
    expect((await createProvider(target, deps)).convergenceMs).toBe(ms);
  });
});
