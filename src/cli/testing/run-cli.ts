// Run the CLI in-process on a buffer terminal, as a test would type it, with its own LABS_HOME.
import { join } from 'node:path';
import { main } from '../main.ts';
import { createBufferTerminal } from '../terminal.ts';

export async function runCli(argv: string[], options: { cwd: string; home?: string; input?: NodeJS.ReadableStream }) {
  const terminal = createBufferTerminal(options.input ? { input: options.input } : {});
  const code = await main(argv, { terminal, cwd: options.cwd, env: { ...process.env, LABS_HOME: options.home ?? join(options.cwd, '.labs-home') } });
  return { code, stdout: terminal.stdout(), stderr: terminal.stderr() };
}
