import { describe, expect, it } from 'vitest';
import { createPlan, formatPlan, quoteArg } from './plan.ts';

describe('formatPlan', () => {
  it('prints each kind of step on one line, home folder as ~, conditions as a trailing comment', () => {
    const plan = createPlan();
    plan.record({ kind: 'run', command: 'kubectl', args: ['get', 'crd', 'x'] });
    plan.record({ kind: 'run', command: 'kubectl', args: ['apply', '-f', 'u'], when: 'x is absent' });
    plan.record({ kind: 'run', command: 'kubectl', args: ['apply', '-f', '-'], input: 'ConfigMap kube-public/labs-marker' });
    plan.record({ kind: 'download', url: 'https://e.x/a.tgz', to: '/home/me/.labs/cache/a.tgz' });
    plan.record({ kind: 'verify', file: '/home/me/.labs/cache/a.tgz', checksumUrl: 'https://e.x/a.tgz.sha256' });
    plan.record({ kind: 'extract', archive: '/home/me/.labs/cache/a.tgz', to: '/home/me/.labs/cache/a/istioctl' });
    plan.record({ kind: 'write', file: '/home/me/.labs/k.kubeconfig', what: 'kubeconfig' });
    plan.record({ kind: 'start-container', name: 'labs-k3s', image: 'rancher/k3s:v1.33.3-k3s1', args: ['server'], notes: ['privileged'] });
    plan.record({ kind: 'api', verb: 'get', resource: 'configmap kube-public/labs-marker', context: 'prod' });
    expect(formatPlan(plan, { home: '/home/me' })).toEqual([
      'run kubectl get crd x',
      'run kubectl apply -f u   # if x is absent',
      'run kubectl apply -f - < (ConfigMap kube-public/labs-marker)',
      'download https://e.x/a.tgz -> ~/.labs/cache/a.tgz',
      'verify sha256 ~/.labs/cache/a.tgz against https://e.x/a.tgz.sha256',
      'extract ~/.labs/cache/a.tgz -> ~/.labs/cache/a/istioctl',
      'write ~/.labs/k.kubeconfig (kubeconfig)',
      'start container labs-k3s from rancher/k3s:v1.33.3-k3s1: server (privileged)',
      'api get configmap kube-public/labs-marker (context prod)',
    ]);
  });

  it.each([
    ['--set', '--set'],
    ['profile=ambient', 'profile=ambient'],
    ['{{.State.Running}}', "'{{.State.Running}}'"],
    ["it's", "'it'\\''s'"],
    ['', "''"],
  ])('quotes %s as a shell word only when it needs it', (arg, quoted) => {
    expect(quoteArg(arg)).toBe(quoted);
  });
});
