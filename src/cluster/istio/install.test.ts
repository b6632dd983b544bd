import { describe, expect, it } from 'vitest';
import { createExecutor } from '../executor.ts';
import { createPlan } from '../plan.ts';
import { createFakeRunner, type FakeRule } from '../testing/fake-runner.ts';
import { installIstio } from './install.ts';
import type { IstioSettings } from './settings.ts';

const kube = { kubeconfigPath: '/tmp/k', context: 'kind-labs' };
const settings: IstioSettings = {
  version: '1.28.0',
  gatewayApiVersion: 'v1.4.0',
  gatewayApiUrl: 'https://github.com/kubernetes-sigs/gateway-api/releases/download/v1.4.0/standard-install.yaml',
  kubernetes: { min: '1.30', max: '1.34' },
  installFlags: [],
};

// A cluster that answers the questions installIstio asks: the CRDs' bundle version, istiod's version, ztunnel.
function cluster(o: { crds?: string; istio?: string; ztunnel?: boolean; istiodImage?: string }) {
  const rules: FakeRule[] = [
    { match: /get crd gateways/, result: o.crds === undefined ? { exitCode: 1, stderr: 'NotFound' } : { stdout: o.crds } },
    { match: /get deployment istiod .*containers\[0\]\.image/, result: o.istiodImage === undefined ? { exitCode: 1, stderr: 'NotFound' } : { stdout: o.istiodImage } },
    { match: /get deployment istiod/, result: o.istio === undefined ? { exitCode: 1, stderr: 'NotFound' } : { stdout: o.istio } },
    { match: /get daemonset ztunnel/, result: o.ztunnel ? { stdout: 'daemonset.apps/ztunnel' } : { exitCode: 1, stderr: 'NotFound' } },
    { match: /./, result: {} },
  ];
  const runner = createFakeRunner(rules);
  const exec = createExecutor({ runner, plan: createPlan(), dryRun: false });
  const log: string[] = [];
  const install = () => installIstio(exec, { kube, istioctl: '/bin/istioctl', settings, profile: 'ambient', log: (line) => log.push(line) });
  const did = (pattern: RegExp) => runner.calls.some((call) => pattern.test(call));
  return { install, did, log };
}

describe('installing Istio on a cluster that has some of it already', () => {
  it('re-applies Gateway API CRDs older than the release this Istio is built against, taking over their fields', async () => {
    const c = cluster({ crds: 'v1.3.0', istio: '1.28.0', ztunnel: true });
    await c.install();
    expect(c.did(/apply --server-side --force-conflicts -f .*v1\.4\.0\/standard-install\.yaml/)).toBe(true);
  });

  it('leaves CRDs of that release or newer, and CRDs installed some other way (no bundle version), alone', async () => {
    for (const crds of ['v1.4.0', 'v1.5.1', '']) {
      const c = cluster({ crds, istio: '1.28.0', ztunnel: true });
      await c.install();
      expect(c.did(/apply --server-side/)).toBe(false);
    }
  });

  it('reuses an install of the same version that has the ambient data plane', async () => {
    const c = cluster({ crds: 'v1.4.0', istio: '1.28.0', ztunnel: true });
    expect(await c.install()).toEqual({ version: '1.28.0', reused: true });
    expect(c.did(/istioctl install/)).toBe(false);
  });

  it('reinstalls the same version with the ambient profile when an earlier run installed it without ztunnel', async () => {
    const c = cluster({ crds: 'v1.4.0', istio: '1.28.0', ztunnel: false });
    expect(await c.install()).toEqual({ version: '1.28.0', reused: false });
    expect(c.did(/istioctl install .*--set profile=ambient/)).toBe(true);
  });

  it('uses an Istio that istioctl did not install (Helm, an operator) as it is, instead of installing over it', async () => {
    const c = cluster({ crds: 'v1.4.0', istiodImage: 'docker.io/istio/pilot:1.27.3', ztunnel: true });
    expect(await c.install()).toEqual({ version: '1.27.3', reused: true });
    expect(c.did(/istioctl install/)).toBe(false);
    expect(c.log).toEqual([
      'Istio 1.27.3 (docker.io/istio/pilot:1.27.3) was not installed by istioctl; labs uses it as it is and installs nothing, although 1.28.0 was asked for',
    ]);
  });
});
