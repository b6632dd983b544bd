// `labs matrix LAB` at work: run the lab, and after each step draw who can reach whom, computed by the mesh engine.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { computeGrid, detectMeshSettings, readMeshObjects } from '../explain/index.ts';
import { defaultLabsDir, loadLab, type Step } from '../lab/index.ts';
import {
  markChanges,
  renderMatrixText,
  type MatrixGrid,
  type ReachabilityMatrix,
} from '../report/matrix.ts';
import { renderMatrixHtml } from '../report/matrix-html.ts';
import { runLab } from '../runner/run-lab.ts';
import { selectSteps } from '../runner/selection.ts';
import type { CliContext } from './context.ts';
import { withTarget, type TargetSession } from './target.ts';

export interface MatrixFlags {
  step?: string;
  html?: string;
  target: string;
  istio: string;
  yes?: boolean;
}

type LoadedLab = Awaited<ReturnType<typeof loadLab>>;

// Run the lab on the session's cluster and take a grid after setup and after each step that ran.
async function runAndMeasure(
  ctx: CliContext,
  lab: LoadedLab,
  session: TargetSession,
  until: string | undefined,
) {
  const grids: MatrixGrid[] = [];
  let pending: Step | undefined;
  const measure = async (step: { id: string; title: string }) => {
    const objects = await readMeshObjects(session.client);
    grids.push(
      await computeGrid({ lab, objects, settings: detectMeshSettings(objects), step, now: Date.now() }),
    );
  };
  const report = await runLab({
    lab,
    client: session.client,
    kubectl: (args, signal, cwd) => session.kubectl.run(args, signal, cwd),
    convergenceMs: session.provider.convergenceMs,
    target: session.info.target,
    istio: session.info.istio,
    signal: ctx.signal,
    ...(until ? { selection: { until } } : {}),
    emit: (event) => {
      if (event.type === 'step:begin') pending = event.step;
      if (event.type === 'step:end')
        ctx.terminal.err(`${event.status === 'failed' ? '✗' : '✓'} ${event.stepId}\n`);
    },
    hooks: {
      beforeStep: async () => {
        if (pending) await measure(pending);
        else if (grids.length === 0) await measure({ id: 'setup', title: 'after setup' });
        pending = undefined;
        return 'run';
      },
    },
  });
  if (pending) await measure(pending);
  return { grids: markChanges(grids), passed: report.passed };
}

// Run the lab, print the grids (and write the HTML page), set the exit code.
export async function runMatrix(ctx: CliContext, name: string, flags: MatrixFlags): Promise<void> {
  const lab = await loadLab(name, { labsDir: defaultLabsDir(ctx.cwd), cwd: ctx.cwd });
  if (flags.step) selectSteps(lab.lab.steps, { step: flags.step }); // an unknown step is a usage error before anything runs
  const profile = lab.lab.mesh?.profile ?? 'ambient';
  const { grids, passed } = await withTarget(
    ctx,
    { target: flags.target, istio: flags.istio, yes: flags.yes, profile },
    (session) => runAndMeasure(ctx, lab, session, flags.step),
  );
  const shown = flags.step ? grids.filter((g) => g.stepId === flags.step) : grids;
  if (shown.length === 0)
    ctx.terminal.err(`step ${flags.step} did not run: an earlier action failed (see above)\n`);
  else ctx.terminal.out(`${shown.map((g) => renderMatrixText(g).join('\n')).join('\n\n')}\n`);
  if (flags.html) {
    const matrix: ReachabilityMatrix = { lab: lab.lab.name, title: lab.lab.title, grids: shown };
    await writeFile(resolve(ctx.cwd, flags.html), renderMatrixHtml(matrix));
    ctx.terminal.err(`wrote ${flags.html}\n`);
  }
  ctx.exitCode = passed ? 0 : 1;
}
