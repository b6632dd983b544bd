// Docker checks that come before anything slow: kind and the k3s container both need a Docker daemon.
import { dockerNotRunning } from './errors.ts';
import type { Executor } from './executor.ts';

// Fail fast with a ClusterError when the docker CLI is missing (tool-missing) or no daemon answers (unreachable)
export async function assertDockerRunning(exec: Executor, user: 'kind' | 'k3s'): Promise<void> {
  const answer = await exec.ask('docker', ['info', '--format', '{{.ServerVersion}}'], {
    timeoutMs: 15_000,
    assume: { exitCode: 0, stdout: '28.0.0\n', stderr: '' },
  });
  if (answer.exitCode !== 0) throw dockerNotRunning(user, new Error(answer.stderr.trim()));
}
