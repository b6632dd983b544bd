// The registry of targets: `--target embedded|kind|k3s|context=NAME` → a ClusterProvider.
import type { PlanRecorder } from '../plan.ts';
import type { ClusterProvider } from '../provider.ts';
import { createEmbeddedProvider } from './embedded.ts';

export const TARGETS = ['embedded', 'kind', 'k3s', 'context=NAME'] as const;

export class UnknownTargetError extends Error {
  readonly kind = 'usage';
}

export interface TargetDeps {
  home: string; // LABS_HOME
  yes: boolean; // --yes for a context labs did not create
  env: NodeJS.ProcessEnv;
  plan?: PlanRecorder; // --dry-run: record what up() would do
  preload?: (istioVersion: string) => string[]; // --preload: images to load into kind before Istio
}

// Create the provider a --target value names. The real ones load client-node, so only when asked for.
export async function createProvider(target: string, deps: TargetDeps): Promise<ClusterProvider> {
  if (target === 'embedded') return createEmbeddedProvider({ home: deps.home });
  const { createKindProvider } = await import('./kind.ts');
  const { createK3sProvider } = await import('./k3s.ts');
  const { createContextProvider } = await import('./context.ts');
  if (target === 'kind') return createKindProvider({ labsHome: deps.home, ...(deps.plan ? { plan: deps.plan } : {}), ...(deps.preload ? { preload: deps.preload } : {}) });
  if (target === 'k3s') return createK3sProvider({ labsHome: deps.home, ...(deps.plan ? { plan: deps.plan } : {}) });
  if (target.startsWith('context=') && target.length > 'context='.length) {
    return createContextProvider(target.slice('context='.length), { yes: deps.yes, labsHome: deps.home, ...(deps.plan ? { plan: deps.plan } : {}) });
  }
  const hint = target === 'context' ? ' (name the context: context=NAME)' : '';
  throw new UnknownTargetError(`--target ${target}: unknown target${hint}; choose one of ${TARGETS.join(', ')}`);
}
