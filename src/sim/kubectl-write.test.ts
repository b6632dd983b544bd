import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DENY_ALL } from './testing/manifests.ts';
import { startAppsCluster, type TestCluster } from './testing/kubectl.ts';

let t: TestCluster;

beforeAll(async () => {
  t = await startAppsCluster();
});

afterAll(async () => {
  await t.stop();
});

describe('kubectl writes to the embedded cluster', () => {
  it('applies client-side, re-applies unchanged, and shows AuthorizationPolicy columns', async () => {
    const path = t.write('deny.yaml', DENY_ALL);
    expect((await t.kubectl(['apply', '-f', path])).stdout).toBe('authorizationpolicy.security.istio.io/deny-all created');
    expect((await t.kubectl(['apply', '-f', path])).stdout).toBe('authorizationpolicy.security.istio.io/deny-all unchanged');
    const ap = await t.kubectl(['get', 'ap', '-n', 'hello']);
    expect(ap.stdout).toMatch(/^NAME\s+ACTION\s+AGE\ndeny-all\s+DENY\s+\d+s$/);
    await t.kubectl(['delete', '-f', path]);
  });

  it('applies server-side, twice, with the kubectl field manager', async () => {
    const path = t.write('ssa.yaml', DENY_ALL.replace('deny-all', 'deny-ssa'));
    const first = await t.kubectl(['apply', '--server-side', '-f', path]);
    expect(first.stdout).toBe('authorizationpolicy.security.istio.io/deny-ssa serverside-applied');
    const second = await t.kubectl(['apply', '--server-side', '-f', path]);
    expect(second.exitCode).toBe(0);
    const managers = await t.kubectl(['get', 'ap', 'deny-ssa', '-n', 'hello', '--show-managed-fields', '-o', 'jsonpath={.metadata.managedFields[*].manager}']);
    expect(managers.stdout).toBe('kubectl');
    await t.kubectl(['delete', '-f', path]);
  });

  it('reports a server-side apply conflict with another manager as 409 unless forced', async () => {
    const path = t.write('conflict.yaml', DENY_ALL.replace('deny-all', 'contested'));
    await t.kubectl(['apply', '--server-side', '--field-manager', 'alice', '-f', path]);
    const other = t.write('conflict2.yaml', DENY_ALL.replace('deny-all', 'contested').replace('DENY', 'ALLOW'));
    const refused = await t.kubectl(['apply', '--server-side', '--field-manager', 'bob', '-f', other]);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('Apply failed with 1 conflict: conflict with "alice": .spec.action');
    const forced = await t.kubectl(['apply', '--server-side', '--field-manager', 'bob', '--force-conflicts', '-f', other]);
    expect(forced.exitCode).toBe(0);
    expect((await t.kubectl(['get', 'ap', 'contested', '-n', 'hello', '-o', 'jsonpath={.spec.action}'])).stdout).toBe('ALLOW');
    await t.kubectl(['delete', '-f', path]);
  });

  it('provisions a waypoint Gateway that becomes Programmed with an address', async () => {
    const path = t.write('waypoint.yaml', `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: waypoint
  namespace: hello
spec:
  gatewayClassName: istio-waypoint
  listeners:
  - {name: mesh, port: 15008, protocol: HBONE}
`);
    await t.kubectl(['apply', '-f', path]);
    expect((await t.kubectl(['wait', '--for=condition=Programmed', 'gtw/waypoint', '-n', 'hello', '--timeout=5s'])).exitCode).toBe(0);
    const gtw = await t.kubectl(['get', 'gtw', '-n', 'hello']);
    expect(gtw.stdout).toMatch(/^NAME\s+CLASS\s+ADDRESS\s+PROGRAMMED\s+AGE\nwaypoint\s+istio-waypoint\s+10\.96\.\d+\.\d+\s+True\s+\d+s$/);
    const infra = await t.kubectl(['get', 'deploy/waypoint', 'svc/waypoint', 'sa/waypoint', '-n', 'hello', '-o', 'name']);
    expect(infra.stdout).toBe('deployment.apps/waypoint\nservice/waypoint\nserviceaccount/waypoint');
    // One rollout: the controller's later passes leave the defaulted template (and its hash) alone.
    const sets = await t.kubectl(['get', 'rs', '-n', 'hello', '-l', 'gateway.networking.k8s.io/gateway-name=waypoint', '-o', 'name']);
    expect(sets.stdout.split('\n')).toHaveLength(1);
    expect((await t.kubectl(['rollout', 'history', 'deploy/waypoint', '-n', 'hello'])).stdout).toMatch(/REVISION\s+CHANGE-CAUSE\n1\s+<none>\s*$/);
    const template = await t.kubectl(['get', 'deploy/waypoint', '-n', 'hello', '-o', 'jsonpath={.spec.template.spec.dnsPolicy} {.spec.template.spec.containers[0].imagePullPolicy}']);
    expect(template.stdout).toBe('ClusterFirst IfNotPresent');
    expect((await t.kubectl(['get', 'sa/waypoint', '-n', 'hello', '-o', 'jsonpath={.spec}'])).stdout).toBe('');
    await t.kubectl(['delete', '-f', path]);
    expect((await t.kubectl(['get', 'deploy/waypoint', '-n', 'hello'])).exitCode).toBe(1);
  });

  it('creates a namespace and a deployment with kubectl create, which sends protobuf', async () => {
    expect((await t.kubectl(['create', 'namespace', 'made'])).stdout).toBe('namespace/made created');
    expect((await t.kubectl(['create', 'deployment', 'web', '-n', 'made', '--image=nginx', '--port=80'])).stdout).toBe('deployment.apps/web created');
    const pods = await t.kubectl(['get', 'pods', '-n', 'made', '-l', 'app=web', '-o', 'jsonpath={.items[*].status.phase}']);
    expect(pods.stdout).toBe('Running');
  });

  it('labels a namespace and overwrites the label', async () => {
    expect((await t.kubectl(['label', 'ns', 'hello', 'team=a'])).stdout).toBe('namespace/hello labeled');
    expect((await t.kubectl(['label', 'ns', 'hello', 'team=b', '--overwrite'])).stdout).toBe('namespace/hello labeled');
    expect((await t.kubectl(['get', 'ns', 'hello', '-o', 'jsonpath={.metadata.labels.team}'])).stdout).toBe('b');
  });

  it('rejects an Istio object the webhook refuses, with its message', async () => {
    const bad = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: business-hours
  namespace: hello
spec:
  action: ALLOW
  rules:
  - when:
    - key: custom.time_of_day
      values: ["9-17"]
`;
    const r = await t.kubectl(['apply', '-f', t.write('bad.yaml', bad)]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('Error from server (BadRequest): error when creating');
    expect(r.stderr).toContain('admission webhook "validation.istio.io" denied the request: configuration is invalid:');
    expect(r.stderr).toContain('unknown attribute: custom.time_of_day');
    expect((await t.kubectl(['get', 'ap', 'business-hours', '-n', 'hello'])).exitCode).toBe(1);
  });

  it('passes on the warnings of the Istio webhook as kubectl warnings', async () => {
    const policy = DENY_ALL.replace('deny-all', 'deny-get').replace('rules: [{}]', 'rules: [{to: [{operation: {methods: [GET]}}]}]');
    const r = await t.kubectl(['apply', '-f', t.write('deny-get.yaml', policy)]);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('Warning: configured AuthorizationPolicy will deny all traffic to TCP ports under its scope due to the use of only HTTP attributes in a DENY rule; it is recommended to explicitly specify the port');
    await t.kubectl(['delete', 'ap', 'deny-get', '-n', 'hello']);
  });

  it('refuses an invalid label value sent to the server with the apimachinery message', async () => {
    const r = await t.kubectl(['patch', 'svc', 'helloworld', '-n', 'hello', '--type=merge', '-p', '{"metadata":{"labels":{"istio.io/use-waypoint":"#none"}}}']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(`The Service "helloworld" is invalid: metadata.labels: Invalid value: "#none": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`);
  });

  it('deletes a namespace and its contents with delete -f', async () => {
    const path = t.write('gone.yaml', `apiVersion: v1
kind: Namespace
metadata:
  name: gone
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: deny-all
  namespace: gone
spec: {}
`);
    await t.kubectl(['apply', '-f', path]);
    const r = await t.kubectl(['delete', '-f', path]);
    expect(r.stdout).toBe('namespace "gone" deleted\nauthorizationpolicy.security.istio.io "deny-all" deleted');
    expect(r.exitCode).toBe(0);
    expect((await t.kubectl(['get', 'ns', 'gone'])).stderr).toBe('Error from server (NotFound): namespaces "gone" not found');
  });

  it('refuses to change a Service\'s cluster IP, printing the IPs as Go does', async () => {
    const r = await t.kubectl(['patch', 'svc', 'helloworld', '-n', 'hello', '-p', '{"spec":{"clusterIP":"10.96.9.9"}}']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe('The Service "helloworld" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.9.9"}: may not change once set');
  });

  it('prints maps and label selectors in field errors as Go values', async () => {
    const mismatch = await t.kubectl(['patch', 'deploy', 'helloworld-v1', '-n', 'hello', '--type=merge', '-p', '{"spec":{"template":{"metadata":{"labels":{"app":"other"}}}}}']);
    expect(mismatch.stderr).toContain('spec.template.metadata.labels: Invalid value: map[string]string{"app":"other", "version":"v1"}: `selector` does not match template `labels`');
    const selector = await t.kubectl(['patch', 'deploy', 'helloworld-v1', '-n', 'hello', '--type=merge', '-p', '{"spec":{"selector":{"matchLabels":{"app":"other"}},"template":{"metadata":{"labels":{"app":"other"}}}}}']);
    expect(selector.stderr).toContain('spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"other", "version":"v1"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable');
  });
});
