// `labs list`: a table of the labs in the labs folder (name, title, profile, steps, checks), each with its summary.
import type { Command } from 'commander';
import { defaultLabsDir, listLabs, loadLab, showPath, type LoadedLab } from '../../lab/index.ts';
import type { CliContext } from '../context.ts';
import { wrapParagraph } from '../../report/text.ts';
import { paint } from '../terminal.ts';

type Row = [name: string, title: string, profile: string, steps: string, checks: string];
interface Described {
  row: Row;
  summary?: string;
}

function countChecks(loaded: LoadedLab): number {
  return loaded.lab.steps.reduce((sum, step) => sum + (step.checks?.length ?? 0), 0);
}

function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(width - 1, 1))}…`;
}

// Lay rows out in padded columns; the title column shrinks to fit the terminal.
export function formatTable(rows: Row[], width: number): string {
  const widths = [0, 1, 2, 3, 4].map((i) => Math.max(...rows.map((row) => row[i]!.length)));
  const others = widths[0]! + widths[2]! + widths[3]! + widths[4]! + 8;
  widths[1] = Math.max(Math.min(widths[1]!, width - others), 12);
  return rows
    .map((row) => row.map((cell, i) => (i === 4 ? cell : truncate(cell, widths[i]!).padEnd(widths[i]!))).join('  '))
    .join('\n');
}

async function describeLab(name: string, labsDir: string, ctx: CliContext): Promise<Described> {
  try {
    const loaded = await loadLab(name, { labsDir, cwd: ctx.cwd });
    const { lab } = loaded;
    const row: Row = [name, lab.title, lab.mesh?.profile ?? 'ambient', String(lab.steps.length), String(countChecks(loaded))];
    return { row, summary: lab.summary };
  } catch {
    return { row: [name, `(invalid: run labs validate ${name})`, '-', '-', '-'] };
  }
}

// Add `labs list` to the program.
export function registerList(program: Command, ctx: CliContext): void {
  program
    .command('list')
    .description('List the labs in the labs folder')
    .addHelpText(
      'after',
      `
The labs folder is ./labs when the current folder has labs in it, else the labs that ship with labs.

Examples:
  $ labs list
  $ labs show 080-authorization`,
    )
    .action(async () => {
      const labsDir = defaultLabsDir(ctx.cwd);
      const names = await listLabs(labsDir);
      if (names.length === 0) {
        ctx.terminal.err(`No labs in ${showPath(labsDir, ctx.cwd)}: a lab is a folder with a lab.yaml in it.\n`);
        return;
      }
      const labs: Described[] = [];
      for (const name of names) labs.push(await describeLab(name, labsDir, ctx));
      const [header, ...body] = formatTable([['NAME', 'TITLE', 'PROFILE', 'STEPS', 'CHECKS'], ...labs.map((l) => l.row)], ctx.terminal.width).split('\n');
      const c = paint(ctx.terminal);
      const lines = body.flatMap((row, i) => {
        const summary = labs[i]!.summary;
        return [row, ...(summary ? wrapParagraph(summary, Math.max(ctx.terminal.width, 40), '  ').map((l) => c.dim(l)) : [])];
      });
      ctx.terminal.out(`${c.bold(header)}\n${lines.join('\n')}\n`);
    });
}
