// Wait for an object to exist before waiting on its state: `kubectl wait --all` and `kubectl rollout status` fail
// at once when nothing exists yet, and a fresh k3s registers its node and creates CoreDNS only after the log line
// the container module waits for.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Executor } from './executor.ts';

// Ask `kubectl get ... -o name` until it lists something or the time is up (then the caller's wait reports why).
export async function waitUntilListed(
  exec: Executor,
  args: string[],
  options: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<boolean> {
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  for (;;) {
    const answer = await exec.ask('kubectl', [...args, '-o', 'name'], { assume: { exitCode: 0, stdout: 'listed', stderr: '' } });
    if (answer.exitCode === 0 && answer.stdout.trim() !== '') return true;
    if (Date.now() >= deadline) return false;
    await sleep(options.intervalMs ?? 1000, undefined, exec.signal ? { signal: exec.signal } : {});
  }
}
