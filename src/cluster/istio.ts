// Istio at a version on a real cluster: read the per-minor settings, fetch istioctl into the cache,
// install (or reuse) the control plane. Providers call ensureIstio after their cluster is up.
import type { Executor } from './executor.ts';
import type { KubeTarget } from './kube-target.ts';
import { ensureIstioctl, type IstioctlSource } from './istio/download.ts';
import { warnIfUnsupported } from './istio/compatibility.ts';
import { installIstio, type IstioPlatform, type IstioProfile } from './istio/install.ts';
import { loadIstioSettings } from './istio/settings.ts';

export { istioctlPath } from './istio/download.ts';
export type { IstioctlSource } from './istio/download.ts';
export type { IstioPlatform, IstioProfile } from './istio/install.ts';

export const defaultIstioVersion = '1.28.0';

export interface IstioRequest {
  kube: KubeTarget;
  version: string; // "1.28.0", or "1.28" for the newest patch labs knows
  profile: IstioProfile;
  platform?: IstioPlatform;
  root: string; // package root holding clusters/istio/
  source: IstioctlSource;
  log?: (line: string) => void;
}

// Make sure Istio <version> runs on the cluster; return the installed version
export async function ensureIstio(exec: Executor, request: IstioRequest): Promise<string> {
  const settings = await loadIstioSettings(request.version, request.root);
  await warnIfUnsupported(exec, { kube: request.kube, settings, ...(request.log ? { log: request.log } : {}) });
  const istioctl = await ensureIstioctl(exec, settings.version, request.source);
  const result = await installIstio(exec, {
    kube: request.kube,
    istioctl,
    settings,
    profile: request.profile,
    ...(request.platform ? { platform: request.platform } : {}),
    ...(request.log ? { log: request.log } : {}),
  });
  return result.version;
}
