// `labs up`, `labs status`, `labs down`: a cluster that outlives one command, for learners and instructors.
import type { Command } from 'commander';
import { labsHome, type CliContext } from '../context.ts';
import { UsageError } from '../errors.ts';
import { DEFAULT_ISTIO } from '../defaults.ts';

// The real providers load client-node (0.3-0.9s): only when a command targets them.
const loadProviders = async () => ({
  ...(await import('../../cluster/plan.ts')),
  ...(await import('../../cluster/providers/index.ts')),
});
const loadEmbedded = () => import('../../cluster/providers/embedded.ts');

interface UpFlags {
  target: string;
  istio: string;
  profile: string;
  yes?: boolean;
  dryRun?: boolean;
}

function parseProfile(profile: string): 'ambient' | 'default' {
  if (profile === 'ambient' || profile === 'default') return profile;
  throw new UsageError(`--profile ${profile}: choose ambient or default`);
}

const TARGET_HELP = 'embedded (default), kind, k3s or context=NAME';

async function up(ctx: CliContext, flags: UpFlags): Promise<void> {
  const home = labsHome(ctx);
  if (flags.target === 'embedded') {
    const { startDetachedCluster } = await loadEmbedded();
    if (flags.dryRun) {
      ctx.terminal.out(`start the embedded API server on 127.0.0.1 in the background (Istio ${flags.istio}), write ${home}/embedded.json and its kubeconfig\n`);
      return;
    }
    const started = await startDetachedCluster({ home, istio: flags.istio, profile: parseProfile(flags.profile) });
    ctx.terminal.out(`Embedded cluster up at ${started.url} (Istio ${flags.istio}).\nexport KUBECONFIG=${started.kubeconfigPath}\n`);
    return;
  }
  const { createPlan, createProvider, formatPlan } = await loadProviders();
  const plan = flags.dryRun ? createPlan() : undefined;
  const provider = await createProvider(flags.target, { home, yes: flags.yes ?? false, env: ctx.env, ...(plan ? { plan } : {}) });
  const info = await provider.up({
    istio: flags.istio,
    profile: parseProfile(flags.profile),
    signal: ctx.signal,
    dryRun: flags.dryRun ?? false,
    log: (line: string) => ctx.terminal.err(`${line}\n`),
  });
  if (plan) {
    for (const line of formatPlan(plan, { home: ctx.env.HOME })) ctx.terminal.out(`${line}\n`);
    return;
  }
  ctx.terminal.out(`${info.target} cluster up: context ${info.context}, Istio ${info.istio}.\n`);
  if (info.kubeconfigPath) ctx.terminal.out(`export KUBECONFIG=${info.kubeconfigPath}\n`);
}

export function registerCluster(program: Command, ctx: CliContext): void {
  program
    .command('up')
    .description('Start a cluster with Istio that later commands use (embedded: in the background)')
    .option('--target <target>', TARGET_HELP, 'embedded')
    .option('--istio <version>', 'Istio version', DEFAULT_ISTIO)
    .option('--profile <profile>', 'Istio install profile: ambient, or default (sidecars)', 'ambient')
    .option('--yes', 'with --target context=NAME: use a context labs did not create')
    .option('--dry-run', 'print every command, download and API call it would make, and do nothing')
    .addHelpText('after', '\nExamples:\n  $ labs up && eval "$(labs up | grep ^export)"\n  $ labs up --target kind --istio 1.27.3 --dry-run')
    .action((flags: UpFlags) => up(ctx, flags));

  program
    .command('status')
    .description('Show the clusters labs has up')
    .addHelpText('after', '\nExamples:\n  $ labs status\n  $ labs status --target kind')
    .option('--target <target>', TARGET_HELP, 'embedded')
    .option('--yes', 'with --target context=NAME: use a context labs did not create')
    .action(async (flags: { target: string; yes?: boolean }) => {
      const home = labsHome(ctx);
      if (flags.target === 'embedded') {
        const { detachedClusterStatus } = await loadEmbedded();
        const status = await detachedClusterStatus({ home });
        ctx.terminal.out(status ? `embedded: up at ${status.url} (pid ${status.pid})\nexport KUBECONFIG=${status.kubeconfigPath}\n` : 'embedded: not up (start it with `labs up`)\n');
        return;
      }
      const { createProvider } = await loadProviders();
      const info = await (await createProvider(flags.target, { home, yes: flags.yes ?? false, env: ctx.env })).describe();
      ctx.terminal.out(info ? `${info.target}: up, context ${info.context}, Istio ${info.istio}\n` : `${flags.target}: not up\n`);
    });

  program
    .command('down')
    .description('Stop the cluster `labs up` started')
    .addHelpText('after', '\nExamples:\n  $ labs down\n  $ labs down --target kind')
    .option('--target <target>', TARGET_HELP, 'embedded')
    .option('--yes', 'with --target context=NAME: use a context labs did not create')
    .action(async (flags: { target: string; yes?: boolean }) => {
      const home = labsHome(ctx);
      if (flags.target === 'embedded') {
        const { stopDetachedCluster } = await loadEmbedded();
        const stopped = await stopDetachedCluster({ home });
        ctx.terminal.out(stopped ? 'embedded cluster stopped\n' : 'embedded: nothing was up\n');
        return;
      }
      const { createProvider } = await loadProviders();
      await (await createProvider(flags.target, { home, yes: flags.yes ?? false, env: ctx.env })).down({ signal: ctx.signal });
      ctx.terminal.out(
        flags.target.startsWith('context=')
          ? `${flags.target}: nothing deleted (labs never deletes a cluster it reaches through an existing context)\n`
          : `${flags.target} cluster deleted\n`,
      );
    });
}
