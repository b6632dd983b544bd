// A small lab report for reporter tests: one passing check with drift, one failing check, one skipped.
import type { LabReport } from '../runner/events.ts';

export function sampleReport(overrides: Partial<LabReport> = {}): LabReport {
  return {
    lab: '080-authorization',
    title: 'Authentication and Authorization in ambient mode',
    target: 'embedded',
    istio: '1.28.0',
    passed: false,
    durationMs: 412.4,
    setup: [{ stepId: 'setup', description: 'apply manifests/apps.yaml', status: 'passed', detail: [] }],
    steps: [
      {
        id: 'strict-mtls',
        title: 'Enforce STRICT mTLS',
        status: 'failed',
        actions: [{ stepId: 'strict-mtls', description: 'apply manifests/01.yaml', status: 'passed', detail: ['peerauthentication/default applied'] }],
        checks: [
          {
            name: 'test/curl -> GET http://helloworld.hello:5000/hello',
            stepId: 'strict-mtls',
            status: 'passed',
            expected: { error: 'reset' },
            observed: { error: 'reset', curlExit: 56, message: 'Recv failure: Connection reset by peer' },
            attempts: 1,
            durationMs: 3.2,
            drift: { documented: { status: 503 }, quote: 'curl: (22) The requested URL returned error: 503', note: 'ztunnel resets <plaintext> & "denied" connections' },
          },
          {
            name: 'portal may GET travels',
            stepId: 'strict-mtls',
            status: 'failed',
            command: 'kubectl exec -n travel-portal deploy/viaggi -- curl -sS -i http://travels:8000/',
            expected: { status: 200 },
            observed: { status: 403, headers: {}, body: 'RBAC: access denied' },
            attempts: 1,
            durationMs: 2,
            failure: 'expected status 200; observed status 403 ("RBAC: access denied")',
            output: 'HTTP/1.1 403 Forbidden\r\n\r\nRBAC: access denied',
          },
          { name: 'later', stepId: 'strict-mtls', status: 'skipped', expected: { status: 200 }, attempts: 0, durationMs: 0 },
        ],
      },
    ],
    ...overrides,
  };
}
