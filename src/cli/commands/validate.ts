// `labs validate [LAB|PATH ...]`: check labs without a cluster; every problem at file:line:col, exit 2 if any.
import type { Command } from 'commander';
import { defaultLabsDir, LabFormatError, listLabs, loadLab, showPath } from '../../lab/index.ts';
import { countOf } from '../../report/text.ts';
import type { CliContext } from '../context.ts';
import { paint } from '../terminal.ts';

// Validate one lab; prints ✓ NAME, or ✗ NAME and its problems. Resolves to whether it is valid.
async function validateOne(target: string, labsDir: string, ctx: CliContext): Promise<boolean> {
  const c = paint(ctx.terminal);
  try {
    const loaded = await loadLab(target, { labsDir, cwd: ctx.cwd });
    ctx.terminal.out(`${c.green('✓')} ${loaded.lab.name}\n`);
    return true;
  } catch (error) {
    const expected = error instanceof LabFormatError || (error as { kind?: unknown }).kind === 'usage';
    if (!expected) throw error;
    const problems = error instanceof LabFormatError ? error.problems.length : 0;
    ctx.terminal.err(`${c.red('✗')} ${target}${problems ? ` (${countOf(problems, 'problem')})` : ''}\n`);
    ctx.terminal.err(`${(error as Error).message.replace(/^/gm, '  ')}\n`);
    return false;
  }
}

// Add `labs validate [LAB|PATH ...]` to the program.
export function registerValidate(program: Command, ctx: CliContext): void {
  program
    .command('validate')
    .argument('[labs...]', 'lab names under labs/ or folders with a lab.yaml (default: every lab in labs/)')
    .description('Check labs against the lab format without a cluster; exit 2 if any is invalid')
    .addHelpText(
      'after',
      `
Examples:
  $ labs validate
  $ labs validate 080-authorization ambient-waypoint
  $ labs validate ./my-lab`,
    )
    .action(async (targets: string[]) => {
      const labsDir = defaultLabsDir(ctx.cwd);
      const names = targets.length ? targets : await listLabs(labsDir);
      if (names.length === 0) {
        ctx.terminal.err(`No labs in ${showPath(labsDir, ctx.cwd)}: name a lab folder, such as labs validate ./my-lab.\n`);
        ctx.exitCode = 2;
        return;
      }
      let invalid = 0;
      for (const name of names) if (!(await validateOne(name, labsDir, ctx))) invalid++;
      if (names.length > 1) ctx.terminal.out(`${names.length - invalid} valid, ${invalid} invalid\n`);
      if (invalid) ctx.exitCode = 2;
    });
}
