import { describe, expect, it } from 'vitest';
import { createExecutor } from '../executor.ts';
import { createPlan } from '../plan.ts';
import { createFakeRunner } from '../testing/fake-runner.ts';
import { compatibilityWarning, warnIfUnsupported } from './compatibility.ts';
import type { IstioSettings } from './settings.ts';

const istio128: IstioSettings = {
  version: '1.28.0',
  gatewayApiVersion: 'v1.4.0',
  gatewayApiUrl: 'https://example.com/standard-install.yaml',
  kubernetes: { min: '1.30', max: '1.34' },
  installFlags: [],
};

describe('Kubernetes compatibility', () => {
  it.each([
    [29, 'Kubernetes 1.29 is outside what Istio 1.28.0 supports (1.30 to 1.34); installing anyway.'],
    [30, undefined],
    [34, undefined],
    [35, 'Kubernetes 1.35 is outside what Istio 1.28.0 supports (1.30 to 1.34); installing anyway.'],
  ])('for a 1.%i server warns %s', (minor, warning) => {
    expect(compatibilityWarning(minor, istio128)).toBe(warning);
  });

  it('reads the server minor from kubectl version, including "+" suffixes of managed clusters', async () => {
    const runner = createFakeRunner([
      { match: 'kubectl --context gke', result: { stdout: '{"clientVersion":{"minor":"32"},"serverVersion":{"major":"1","minor":"35+"}}' } },
    ]);
    const lines: string[] = [];
    await warnIfUnsupported(createExecutor({ runner, plan: createPlan(), dryRun: false }), {
      kube: { context: 'gke' },
      settings: istio128,
      log: (line) => lines.push(line),
    });
    expect(lines).toEqual(['Kubernetes 1.35 is outside what Istio 1.28.0 supports (1.30 to 1.34); installing anyway.']);
  });
});
