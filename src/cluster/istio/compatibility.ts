// Whether the cluster's Kubernetes is one the Istio version supports (istio.io data/compatibility/
// supportStatus.yml, copied into clusters/istio/<minor>.yaml). istioctl itself only warns below 1.29
// (istioctl/pkg/install/k8sversion/version.go), so labs warns too and carries on.
import type { Executor } from '../executor.ts';
import { kubeFlags, type KubeTarget } from '../kube-target.ts';
import type { IstioSettings } from './settings.ts';

const minorOf = (version: string) => Number(version.split('.')[1]);

// The warning for a server minor outside the supported range, or undefined when it is inside
export function compatibilityWarning(serverMinor: number, settings: IstioSettings): string | undefined {
  const { min, max } = settings.kubernetes;
  if (serverMinor >= minorOf(min) && serverMinor <= minorOf(max)) return undefined;
  return `Kubernetes 1.${serverMinor} is outside what Istio ${settings.version} supports (${min} to ${max}); installing anyway.`;
}

// Ask the API server for its version and warn through log when Istio does not support it
export async function warnIfUnsupported(
  exec: Executor,
  options: { kube: KubeTarget; settings: IstioSettings; log?: (line: string) => void },
): Promise<void> {
  const answer = await exec.ask('kubectl', [...kubeFlags(options.kube), 'version', '-o', 'json'], {
    assume: { exitCode: 1, stdout: '', stderr: '' },
  });
  if (answer.exitCode !== 0) return;
  let minor = Number.NaN;
  try {
    const parsed = JSON.parse(answer.stdout) as { serverVersion?: { minor?: string } };
    minor = Number.parseInt(parsed.serverVersion?.minor ?? '', 10);
  } catch {
    return;
  }
  const warning = Number.isNaN(minor) ? undefined : compatibilityWarning(minor, options.settings);
  if (warning) options.log?.(warning);
}
