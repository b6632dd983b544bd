// `labs show LAB|PATH`: the outline of a lab, its steps with their actions and checks in plain words.
import type { Command } from 'commander';
import { defaultLabsDir, describeAction, describeCheck, loadLab, showPath, type Action, type LoadedLab } from '../../lab/index.ts';
import type { CliContext } from '../context.ts';
import { wrapParagraph } from '../../report/text.ts';
import { paint } from '../terminal.ts';

function outlineActions(actions: Action[] | undefined): string[] {
  return (actions ?? []).map((action) => `  ${describeAction(action)}`);
}

// The outline of a loaded lab, one line per action and check.
export function formatOutline(loaded: LoadedLab, ctx: CliContext): string {
  const c = paint(ctx.terminal);
  const { lab } = loaded;
  const facts = [`profile ${lab.mesh?.profile ?? 'ambient'}`];
  if (lab.mesh?.istio) facts.push(`istio ${lab.mesh.istio}`);
  if (lab.lesson) facts.push(`lesson "${lab.lesson.title}" (${lab.lesson.source})`);
  const lines = [
    `${c.bold(lab.name)}: ${lab.title}`,
    ...wrapParagraph(lab.summary, Math.max(ctx.terminal.width, 40), '  '),
    c.dim(`  ${facts.join(' · ')}`),
    c.dim(`  ${showPath(loaded.file, ctx.cwd)}`),
  ];
  if (lab.setup?.length) lines.push('', c.bold('setup'), ...outlineActions(lab.setup));
  lab.steps.forEach((step, index) => {
    lines.push('', `${c.bold(`${index + 1} ${step.id}`)}: ${step.title}${step.challenge ? c.yellow(' (challenge)') : ''}`);
    lines.push(...outlineActions(step.actions));
    lines.push(...(step.checks ?? []).map((check) => `  ${describeCheck(check)}`));
  });
  return `${lines.join('\n')}\n`;
}

// Add `labs show LAB|PATH` to the program.
export function registerShow(program: Command, ctx: CliContext): void {
  program
    .command('show')
    .argument('<lab>', 'a lab name under labs/, or a folder with a lab.yaml')
    .description('Show the outline of a lab: its steps, actions and checks in plain words')
    .addHelpText(
      'after',
      `
Examples:
  $ labs show 080-authorization
  $ labs show ./my-lab
  $ labs show ./my-lab/lab.yaml`,
    )
    .action(async (target: string) => {
      const loaded = await loadLab(target, { labsDir: defaultLabsDir(ctx.cwd), cwd: ctx.cwd });
      ctx.terminal.out(formatOutline(loaded, ctx));
    });
}
