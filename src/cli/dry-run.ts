// --dry-run: what bringing up the target and running the labs would do, printed, with nothing done.
import { createPlan, formatPlan } from '../cluster/plan.ts';
import { createProvider } from '../cluster/providers/index.ts';
import { planLab } from '../runner/plan.ts';
import { labsHome, type CliContext } from './context.ts';
import { imagesToPreload, loadLabs } from './lab-set.ts';
import { DEFAULT_ISTIO, type TargetOptions } from './target.ts';

// The plan of bringing the target up; the embedded cluster has nothing to download or run.
export async function planTarget(ctx: CliContext, options: TargetOptions): Promise<string[]> {
  if (options.target === 'embedded') {
    return [`start the embedded API server on 127.0.0.1 in this process (Istio ${options.istio ?? DEFAULT_ISTIO}), or use the one \`labs up\` started`];
  }
  const plan = createPlan();
  const provider = await createProvider(options.target, {
    home: labsHome(ctx),
    yes: options.yes ?? false,
    env: ctx.env,
    plan,
    ...(options.preload ? { preload: options.preload } : {}),
  });
  await provider.up({ istio: options.istio ?? DEFAULT_ISTIO, profile: options.profile ?? 'ambient', dryRun: true, signal: ctx.signal });
  return formatPlan(plan, ctx.env.HOME ? { home: ctx.env.HOME } : {});
}

// Print the plan of `labs run LAB --dry-run`.
export async function printRunPlan(ctx: CliContext, labs: string[], options: TargetOptions & { preloadImages?: boolean }): Promise<void> {
  const loaded = await loadLabs(ctx, labs);
  const preload = imagesToPreload(loaded, options.preloadImages);
  for (const line of await planTarget(ctx, { ...options, preload })) ctx.terminal.out(`${line}\n`);
  for (const lab of loaded) {
    ctx.terminal.out(`# lab ${lab.lab.name}\n`);
    for (const line of planLab(lab)) ctx.terminal.out(`${line}\n`);
  }
}
