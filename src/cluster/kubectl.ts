// The kubectl binary against a target: the kubeconfig written to a private folder, with its own
// discovery cache (KUBECACHEDIR) so a new embedded cluster on a reused port never meets stale data.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCommandRunner, type CommandRunner } from './command.ts';
import { toolMissing } from './errors.ts';

export interface KubectlSession {
  kubeconfigPath: string;
  run(args: string[], signal?: AbortSignal, cwd?: string): Promise<{ exitCode: number; stdout: string; stderr: string }>;
  close(): Promise<void>;
}

// Open a session for a kubeconfig (YAML text); close() removes its files.
export async function openKubectlSession(kubeconfig: string, runner: CommandRunner = createCommandRunner()): Promise<KubectlSession> {
  const dir = await mkdtemp(join(tmpdir(), 'labs-kubectl-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  await writeFile(kubeconfigPath, kubeconfig, { mode: 0o600 });
  const env = { KUBECONFIG: kubeconfigPath, KUBECACHEDIR: join(dir, 'cache') };
  return {
    kubeconfigPath,
    async run(args, signal, cwd) {
      const result = await runner.run('kubectl', args, { env, ...(signal ? { signal } : {}), ...(cwd ? { cwd } : {}) });
      if (result.missing) throw toolMissing('kubectl');
      return result;
    },
    close: () => rm(dir, { recursive: true, force: true }),
  };
}
