import { describe, expect, it } from 'vitest';
import { resolvePackageRoot } from '../paths.ts';
import { loadIstioSettings } from './settings.ts';

const root = resolvePackageRoot();
const bundle = (version: string) => `https://github.com/kubernetes-sigs/gateway-api/releases/download/${version}/standard-install.yaml`;

describe('Istio install settings', () => {
  it.each([
    ['1.26.0', 'v1.3.0', { min: '1.29', max: '1.33' }],
    ['1.27.9', 'v1.3.0', { min: '1.29', max: '1.33' }],
    ['1.28.0', 'v1.4.0', { min: '1.30', max: '1.34' }],
    ['1.28.6', 'v1.4.0', { min: '1.30', max: '1.34' }],
    ['1.28.7', 'v1.4.1', { min: '1.30', max: '1.34' }],
  ])('installs the Gateway API CRDs istio/istio %s was built with', async (version, gatewayApi, kubernetes) => {
    expect(await loadIstioSettings(version, root)).toEqual({
      version,
      gatewayApiVersion: gatewayApi,
      gatewayApiUrl: bundle(gatewayApi),
      kubernetes,
      installFlags: [],
    });
  });

  it('reads a bare minor as its newest known patch', async () => {
    expect((await loadIstioSettings('1.27', root)).version).toBe('1.27.9');
  });

  it('names the supported minors for one it has no settings for', async () => {
    await expect(loadIstioSettings('1.22.3', root)).rejects.toMatchObject({
      kind: 'install',
      message: 'labs has no install settings for Istio 1.22 (no clusters/istio/1.22.yaml); supported: 1.26, 1.27, 1.28.',
    });
  });

  it('rejects something that is not a version', async () => {
    await expect(loadIstioSettings('latest', root)).rejects.toThrow(
      'Istio version "latest" is not a version; use MAJOR.MINOR.PATCH, e.g. --istio 1.28.0.',
    );
  });
});
