// The `labs` program: commander wiring, and the one place that turns errors into messages and exit codes.
import { Command, CommanderError } from 'commander';
import { registerCommands } from './commands/index.ts';
import { labsHome, type CliContext } from './context.ts';
import { exitCodeFor, isExpectedError } from './errors.ts';
import { createProcessTerminal, type Terminal } from './terminal.ts';

export interface MainOptions {
  terminal?: Terminal;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  signal?: AbortSignal;
}

// Build the commander program for a context, with the commands argv needs (all of them for help).
export async function createProgram(ctx: CliContext, argv: string[] = []): Promise<Command> {
  const program = new Command('labs')
    .description('Istio security lessons as executable, guided labs, on an embedded or a real cluster.')
    .version('0.1.0', '-V, --version')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.terminal.out(text),
      writeErr: (text) => ctx.terminal.err(text),
      outputError: (text, write) => write(text),
      getOutHelpWidth: () => ctx.terminal.width,
      getErrHelpWidth: () => ctx.terminal.width,
    });
  await registerCommands(program, ctx, argv);
  for (const command of program.commands) command.exitOverride().showSuggestionAfterError(true);
  return program;
}

// Run the CLI with argv (without node and script); resolves to the exit code.
export async function main(argv: string[], options: MainOptions = {}): Promise<number> {
  const env = options.env ?? process.env;
  const interrupt = options.signal ? undefined : listenForInterrupt();
  const ctx: CliContext = {
    terminal: options.terminal ?? createProcessTerminal(env),
    env,
    cwd: options.cwd ?? process.cwd(),
    signal: options.signal ?? interrupt!.signal,
    exitCode: 0,
  };
  try {
    const program = await createProgram(ctx, argv);
    await program.parseAsync(argv, { from: 'user' });
    return ctx.exitCode;
  } catch (error) {
    return reportError(error, ctx);
  } finally {
    interrupt?.dispose();
  }
}

// Ctrl-C once: stop after the current request and clean up; twice: leave at once.
function listenForInterrupt() {
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
    process.stderr.write('\nStopping after the current request (Ctrl-C again to quit at once)...\n');
  };
  process.on('SIGINT', onSigint);
  return { signal: controller.signal, dispose: () => process.off('SIGINT', onSigint) };
}

function reportError(error: unknown, ctx: CliContext): number {
  if (error instanceof CommanderError) {
    // help and version exit 0; usage mistakes were already printed by commander
    return error.exitCode === 0 ? 0 : 2;
  }
  const message = error instanceof Error ? error.message : String(error);
  const refusal = fileSystemRefusal(error, labsHome(ctx));
  if (isExpectedError(error)) {
    ctx.terminal.err(`${message}\n`);
  } else if (refusal) {
    ctx.terminal.err(`${refusal}\n`);
  } else {
    ctx.terminal.err(`labs: internal error: ${message}\n`);
    if (ctx.env.LABS_DEBUG === '1' && error instanceof Error && error.stack) ctx.terminal.err(`${error.stack}\n`);
    else ctx.terminal.err('Run again with LABS_DEBUG=1 to see the stack trace, and report it.\n');
  }
  return exitCodeFor(error);
}

const FILE_SYSTEM_REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a part of the path is not a directory',
  EISDIR: 'it is a directory',
  EEXIST: 'it already exists',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
};

// The machine refused a file operation (LABS_HOME is a file, a folder is read-only, the disk is full):
// that is the environment, not a bug in labs, so say which path and why, without a stack trace.
function fileSystemRefusal(error: unknown, home: string): string | undefined {
  const { code, syscall, path } = (error ?? {}) as NodeJS.ErrnoException;
  const reason = code ? FILE_SYSTEM_REASONS[code] : undefined;
  if (!reason || !syscall || !path) return undefined;
  return `labs: cannot ${syscall} ${path}: ${reason}${path.startsWith(home) ? ' (LABS_HOME is where labs keeps its files)' : ''}.`;
}
