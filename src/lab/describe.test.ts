import { describe, expect, it } from 'vitest';
import { describeAction, describeCheck } from './describe.ts';
import type { Action, Check } from './schema.ts';

describe('describeAction', () => {
  it.each<[Action, string]>([
    [{ apply: 'manifests/01-x.yaml' }, 'apply manifests/01-x.yaml'],
    [{ delete: ['a.yaml', 'b.yaml'] }, 'delete a.yaml, b.yaml'],
    [{ apply: 'bad.yaml', expect: { rejected: 'unknown attribute' } }, 'apply bad.yaml expects rejected with "unknown attribute"'],
    [{ label: { resource: 'namespace/hello', labels: { 'istio.io/dataplane-mode': 'ambient', old: null } } }, 'label namespace/hello istio.io/dataplane-mode=ambient old-'],
    [{ waypoint: { namespace: 'hello', enroll: true } }, 'waypoint apply -n hello --enroll-namespace'],
    [{ waypoint: { namespace: 'hello', name: 'wp', for: 'workload' } }, 'waypoint apply -n hello --name wp --for workload'],
    [{ kubectl: 'label svc x istio.io/use-waypoint=#none', expect: { exitCode: 1, output: 'a valid label' } }, 'kubectl label svc x istio.io/use-waypoint=#none expects exit 1 and output "a valid label"'],
    [{ exec: { from: 'web/nginx', command: ['cat', '/etc/hostname'] } }, 'exec in web/nginx: cat /etc/hostname'],
    [{ wait: { resource: 'deployment/web', namespace: 'hello', for: 'available', timeout: '90s' } }, 'wait for deployment/web -n hello to be available (up to 90s)'],
    [{ wait: { resource: 'gateway/waypoint', namespace: 'hello', for: 'condition=Programmed' } }, 'wait for gateway/waypoint -n hello condition=Programmed'],
  ])('describes %j as "%s"', (action, words) => {
    expect(describeAction(action)).toBe(words);
  });
});

describe('describeCheck', () => {
  it.each<[Check, string]>([
    [
      { from: 'test/curl', url: 'http://h:5000/hello', expect: { error: 'reset' }, documented: { status: 503 } },
      'check test/curl → GET http://h:5000/hello expects reset (doc says 503)',
    ],
    [
      { name: 'alice may POST', from: 'a/deploy/b', url: 'http://x/', method: 'POST', bearer: 't.jwt', expect: { status: 403, body: 'RBAC: access denied' }, timeout: '30s' },
      'check "alice may POST": a/deploy/b → POST http://x/ with bearer t.jwt expects 403 and body contains "RBAC: access denied" within 30s',
    ],
    [
      { from: 'a/b', url: 'http://x/', expect: { curlExit: 35 }, consistently: '5s' },
      'check a/b → GET http://x/ expects curl exit 35 for 5s',
    ],
    [
      { resource: 'authorizationpolicy/allow', namespace: 'ns', expect: { condition: { type: 'ZtunnelAccepted', status: 'True', reason: 'Accepted' } } },
      'check authorizationpolicy/allow -n ns has condition ZtunnelAccepted=True (reason Accepted)',
    ],
    [{ resource: 'gateway/waypoint', namespace: 'ns', expect: { exists: false } }, 'check gateway/waypoint -n ns is absent'],
  ])('describes %j as "%s"', (check, words) => {
    expect(describeCheck(check)).toBe(words);
  });
});
