// Build the reporters a command asked for: tty narration to the terminal, json or junit to --out or stdout.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createJsonReporter } from '../report/json.ts';
import { createJunitReporter } from '../report/junit.ts';
import { createMultiplexer, type Reporter } from '../report/reporter.ts';
import { createTtyReporter, loadSpinners } from '../report/tty.ts';
import type { CliContext } from './context.ts';
import { UsageError } from './errors.ts';
import { paint } from './terminal.ts';

export const REPORTERS = ['tty', 'json', 'junit'] as const;
export type ReporterName = (typeof REPORTERS)[number];

export function parseReporter(name: string): ReporterName {
  if ((REPORTERS as readonly string[]).includes(name)) return name as ReporterName;
  throw new UsageError(`--reporter ${name}: unknown reporter; choose one of ${REPORTERS.join(', ')}`);
}

// tty narration always goes to the terminal, except when a machine report goes to stdout.
export async function createReporters(ctx: CliContext, options: { reporter: ReporterName; out?: string | undefined; many: boolean; explainLines?: number }) {
  const reporters: Reporter[] = [];
  const toStdout = options.reporter !== 'tty' && options.out === undefined;
  const write = async (text: string) => {
    if (options.out === undefined) ctx.terminal.out(text);
    else await writeFile(resolve(ctx.cwd, options.out), text);
  };
  const narrate = toStdout ? (text: string) => ctx.terminal.err(text) : (text: string) => ctx.terminal.out(text);
  reporters.push(
    createTtyReporter({
      write: narrate,
      colors: paint(ctx.terminal),
      width: ctx.terminal.width,
      ...(ctx.terminal.spinnerStream && !toStdout ? { spinners: await loadSpinners(ctx.terminal.spinnerStream) } : {}),
      ...(options.explainLines !== undefined ? { explainLines: options.explainLines } : {}),
    }),
  );
  if (options.reporter === 'json') reporters.push(createJsonReporter({ write, many: options.many }));
  if (options.reporter === 'junit') reporters.push(createJunitReporter({ write }));
  return createMultiplexer(reporters, (error) =>
    ctx.terminal.err(`labs: a reporter failed: ${error instanceof Error ? error.message : String(error)}\n`),
  );
}
