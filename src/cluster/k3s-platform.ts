// Which Istio platform value a k3s node needs, from its containerd CNI bin_dir.
// rancher/k3s images moved bin_dir from /bin to /var/lib/rancher/k3s/data/cni in v1.31.7, v1.32.3, v1.30.11,
// v1.29.15 and all of 1.33 (k3s-io/k3s#11497, #11790). Istio: manifests/helm-profiles/platform-k3s.yaml sets
// cniBinDir /var/lib/rancher/k3s/data/cni; platform-k3d.yaml sets /bin.
import type { Executor } from './executor.ts';
import type { IstioPlatform } from './istio/install.ts';

export const containerdConfig = '/var/lib/rancher/k3s/agent/etc/containerd/config.toml';

// The platform for a containerd config line such as `bin_dir = "/bin"`
export function platformFromBinDir(line: string): 'k3s' | 'k3d' | undefined {
  const dir = /bin_dir\s*=\s*"([^"]+)"/.exec(line)?.[1];
  if (dir === undefined) return undefined;
  return dir === '/bin' ? 'k3d' : 'k3s';
}

// The platform a rancher/k3s image tag implies (for dry runs and when the node cannot be asked)
export function platformFromK3sImage(image: string): 'k3s' | 'k3d' {
  const match = /:v1\.(\d+)\.(\d+)/.exec(image);
  if (!match) return 'k3s';
  const [minor, patch] = [Number(match[1]), Number(match[2])];
  const firstWithDataCni: Record<number, number> = { 29: 15, 30: 11, 31: 7, 32: 3 };
  if (minor >= 33) return 'k3s';
  const first = firstWithDataCni[minor];
  return first !== undefined && patch >= first ? 'k3s' : 'k3d';
}

// Ask a k3s node running in a Docker container which platform value it needs
export async function detectContainerPlatform(
  exec: Executor,
  options: { container: string; image?: string },
): Promise<IstioPlatform> {
  const fallback = options.image ? platformFromK3sImage(options.image) : 'k3d';
  const answer = await exec.ask('docker', ['exec', options.container, 'grep', '-m1', 'bin_dir', containerdConfig], {
    assume: { exitCode: 0, stdout: fallback === 'k3s' ? 'bin_dir = "/var/lib/rancher/k3s/data/cni"\n' : 'bin_dir = "/bin"\n', stderr: '' },
  });
  return (answer.exitCode === 0 ? platformFromBinDir(answer.stdout) : undefined) ?? fallback;
}
