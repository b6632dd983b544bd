// What `labs run` and `labs verify` share: load the labs (all of them before anything runs, so a broken lab
// fails fast with exit 2), run each on the target, report, and set the exit code.
import type { LabReport } from '../runner/events.ts';
import { runLab, type RunLabOptions } from '../runner/run-lab.ts';
import type { StepSelection } from '../runner/selection.ts';
import type { CliContext } from './context.ts';
import { imagesToPreload, loadLabs } from './lab-set.ts';
import { createReporters, type ReporterName } from './reporters.ts';
import { withTarget, type TargetOptions } from './target.ts';

export interface RunLabsOptions extends TargetOptions {
  labs: string[];
  reporter: ReporterName;
  out?: string | undefined;
  many: boolean;
  selection?: StepSelection;
  discriminate?: boolean;
  hooks?: RunLabOptions['hooks'] & { setLab?: (lab: { dir: string; kubeconfigHint?: () => string | undefined }) => void };
  explainLines?: number;
  preloadImages?: boolean;
}

export async function runLabs(ctx: CliContext, options: RunLabsOptions): Promise<LabReport[]> {
  const loaded = await loadLabs(ctx, options.labs);
  const reporter = await createReporters(ctx, options);
  const preload = imagesToPreload(loaded, options.preloadImages);
  const reports: LabReport[] = [];
  for (const lab of loaded) {
    const profile = lab.lab.mesh?.profile ?? 'ambient';
    const report = await withTarget(ctx, { ...options, profile, preload }, async (session) => {
      options.hooks?.setLab?.({ dir: lab.dir, kubeconfigHint: () => session.kubectl.kubeconfigPath });
      return runLab({
        lab: lab,
        client: session.client,
        kubectl: (args, signal, cwd) => session.kubectl.run(args, signal, cwd),
        convergenceMs: session.provider.convergenceMs,
        target: session.info.target,
        istio: session.info.istio,
        emit: (event) => reporter.emit(event),
        signal: ctx.signal,
        ...(options.selection ? { selection: options.selection } : {}),
        ...(options.discriminate ? { discriminate: true } : {}),
        ...(options.hooks ? { hooks: options.hooks } : {}),
        ...(session.provider.requestCount ? { requestCount: () => session.provider.requestCount!() } : {}),
        explainFailure: async (request) => (await import('../explain/index.ts')).explainRequest({ client: session.client, ...request }),
      });
    });
    reports.push(report);
    if (report.interrupted) break;
  }
  await reporter.onEnd?.(reports);
  const interrupted = reports.find((r) => r.interrupted);
  if (interrupted) {
    const next = interrupted.interruptedAt ?? interrupted.steps.find((s) => s.status !== 'passed')?.id;
    ctx.terminal.err(
      `Interrupted. Resume with: labs run ${interrupted.lab}${next ? ` --from ${next}` : ''}; start over with: labs reset ${interrupted.lab}\n`,
    );
    ctx.exitCode = 130;
  } else {
    ctx.exitCode = reports.every((r) => r.passed) ? 0 : 1;
  }
  return reports;
}
