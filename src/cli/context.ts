// What every command gets: the terminal, the environment, where it runs, and the exit code it sets.
import type { Terminal } from './terminal.ts';

export interface CliContext {
  terminal: Terminal;
  env: NodeJS.ProcessEnv;
  cwd: string;
  signal: AbortSignal;
  exitCode: number; // a command sets 1 when a check failed; errors are mapped by main.ts
}

// The folder labs keeps state in (clusters started by `labs up`, caches).
export function labsHome(ctx: Pick<CliContext, 'env'>): string {
  return ctx.env.LABS_HOME ?? `${ctx.env.HOME ?? '.'}/.labs`;
}
