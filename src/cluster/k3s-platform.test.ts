import { describe, expect, it } from 'vitest';
import { platformFromBinDir, platformFromK3sImage } from './k3s-platform.ts';

describe('k3s platform', () => {
  it.each([
    ['bin_dir = "/var/lib/rancher/k3s/data/cni"', 'k3s'],
    ['    bin_dir = "/bin"', 'k3d'],
    ['no such line', undefined],
  ])('reads the platform from containerd %s', (line, platform) => {
    expect(platformFromBinDir(line)).toBe(platform);
  });

  it.each([
    ['rancher/k3s:v1.33.3-k3s1', 'k3s'],
    ['rancher/k3s:v1.32.3-k3s1', 'k3s'],
    ['rancher/k3s:v1.32.2-k3s1', 'k3d'],
    ['rancher/k3s:v1.31.7-k3s1', 'k3s'],
    ['rancher/k3s:v1.31.6-k3s1', 'k3d'],
    ['rancher/k3s:v1.28.5-k3s1', 'k3d'],
  ])('infers from the image %s that Istio needs platform %s', (image, platform) => {
    expect(platformFromK3sImage(image)).toBe(platform);
  });
});
