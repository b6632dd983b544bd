// Where an istioctl release lives: asset names per OS/arch and their URLs.
// Istio: release-builder pkg/build/archive.go — standalone archives are istioctl-<V>-<arch>.tar.gz, arches
// linux-amd64, linux-armv7, linux-arm64, osx-amd64, osx-arm64 (macOS is "osx", never "darwin"); each has a
// <asset>.sha256 sidecar (pkg/util/files.go: "<hex> <basename>\n").
import { ClusterError } from '../errors.ts';

export const defaultReleaseBaseUrl = 'https://github.com/istio/istio/releases/download';

export interface IstioctlAsset {
  name: string; // istioctl-1.28.0-linux-amd64.tar.gz
  url: string;
  checksumUrl: string;
}

const archByNode: Record<string, string> = { x64: 'amd64', arm64: 'arm64', arm: 'armv7' };

// The release arch word for a Node platform/arch pair, e.g. darwin/arm64 → osx-arm64
export function releaseArch(platform: string, arch: string): string {
  const os = platform === 'linux' ? 'linux' : platform === 'darwin' ? 'osx' : undefined;
  const cpu = archByNode[arch];
  if (!os || !cpu || (os === 'osx' && cpu === 'armv7')) {
    throw new ClusterError(
      'tool-missing',
      `Istio publishes no istioctl for ${platform}/${arch}; run labs on Linux or macOS (amd64 or arm64), e.g. in WSL2, or use the embedded cluster.`,
    );
  }
  return `${os}-${cpu}`;
}

// The istioctl archive of a version for this machine, and its checksum sidecar
export function istioctlAsset(options: {
  version: string;
  platform: string;
  arch: string;
  baseUrl?: string;
}): IstioctlAsset {
  const base = (options.baseUrl ?? defaultReleaseBaseUrl).replace(/\/+$/, '');
  const name = `istioctl-${options.version}-${releaseArch(options.platform, options.arch)}.tar.gz`;
  const url = `${base}/${options.version}/${name}`;
  return { name, url, checksumUrl: `${url}.sha256` };
}

// Read a release .sha256 file ("<64 hex> <name>") and check it names the asset
export function parseChecksum(text: string, assetName: string): string | undefined {
  const [hex, name] = text.trim().split(/\s+/);
  if (!hex || !/^[0-9a-f]{64}$/i.test(hex)) return undefined;
  if (name !== undefined && name.replace(/^\*/, '') !== assetName) return undefined;
  return hex.toLowerCase();
}
