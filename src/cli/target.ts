// Bring up the target a command asked for and open a client and a kubectl session on it; always released.
import type { KubeClient } from '../cluster/client.ts';
import { openKubectlSession, type KubectlSession } from '../cluster/kubectl.ts';
import type { ClusterInfo, ClusterProvider } from '../cluster/provider.ts';
import { createProvider } from '../cluster/providers/index.ts';
import { labsHome, type CliContext } from './context.ts';

import { DEFAULT_ISTIO } from './defaults.ts';

export { DEFAULT_ISTIO };

export interface TargetOptions {
  target: string;
  istio?: string | undefined;
  yes?: boolean | undefined;
  profile?: 'ambient' | 'default' | undefined;
  preload?: ((istio: string) => string[]) | undefined; // --preload (kind): the images the labs need
  provider?: ClusterProvider | undefined; // one the caller already made for this target
}

export interface TargetSession {
  provider: ClusterProvider;
  info: ClusterInfo;
  client: KubeClient;
  kubectl: KubectlSession;
}

// Run fn against the target; the session and whatever the provider started in-process end afterwards.
export async function withTarget<T>(ctx: CliContext, options: TargetOptions, fn: (session: TargetSession) => Promise<T>): Promise<T> {
  const provider = options.provider ?? (await createProvider(options.target, {
    home: labsHome(ctx),
    yes: options.yes ?? false,
    env: ctx.env,
    ...(options.preload ? { preload: options.preload } : {}),
  }));
  // client-node takes a few hundred milliseconds to load: let it load while the target comes up.
  const clientModule = import('../cluster/client.ts');
  try {
    const info = await provider.up({
      istio: options.istio ?? DEFAULT_ISTIO,
      profile: options.profile ?? 'ambient',
      signal: ctx.signal,
      log: (line: string) => ctx.terminal.err(`${line}\n`),
    });
    const kubeconfig = await provider.kubeconfig();
    const kubectl = await openKubectlSession(kubeconfig);
    try {
      const { createKubeClient } = await clientModule;
      return await fn({ provider, info, client: createKubeClient(kubeconfig), kubectl });
    } finally {
      await kubectl.close();
    }
  } finally {
    await provider.release();
  }
}
