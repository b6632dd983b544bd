// Running external tools (docker, kind, kubectl, istioctl, tar). Providers take a CommandRunner so tests
// can pass a fake; the default one is execa without throwing on a non-zero exit, loaded on first use
// (most runs on the embedded cluster start no tool at all).

export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  missing?: boolean; // the program itself was not found on PATH
}

export interface CommandOptions {
  input?: string;
  env?: Record<string, string>;
  cwd?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface CommandRunner {
  run(command: string, args: string[], options?: CommandOptions): Promise<CommandResult>;
}

// Create the execa-based runner; `env` is merged into every command's environment
export function createCommandRunner(defaults: { env?: Record<string, string> } = {}): CommandRunner {
  return {
    async run(command, args, options = {}) {
      const { execa } = await import('execa');
      const result = await execa(command, args, {
        reject: false,
        input: options.input,
        env: { ...defaults.env, ...options.env },
        cwd: options.cwd,
        cancelSignal: options.signal,
        timeout: options.timeoutMs,
        stripFinalNewline: false,
      });
      const missing = (result as { code?: string }).code === 'ENOENT';
      return {
        exitCode: missing ? 127 : (result.exitCode ?? 1),
        stdout: typeof result.stdout === 'string' ? result.stdout : '',
        stderr: typeof result.stderr === 'string' ? result.stderr : (result.message ?? ''),
        ...(missing ? { missing: true } : {}),
      };
    },
  };
}
