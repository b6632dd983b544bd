import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppsCluster, type TestCluster } from './testing/kubectl.ts';

let t: TestCluster;

beforeAll(async () => {
  t = await startAppsCluster();
});

afterAll(async () => {
  await t.stop();
});

describe('kubectl reads the embedded cluster', () => {
  it('lists pods of every namespace with the wide columns and Istio installed', async () => {
    const r = await t.kubectl(['get', 'pods', '-A', '-o', 'wide']);
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES$/);
    expect(r.stdout).toMatch(/istio-system\s+istiod-[a-z0-9]+-[a-z0-9]{5}\s+1\/1\s+Running\s+0/);
    expect(r.stdout).toMatch(/istio-system\s+ztunnel-[a-z0-9]{5}\s+1\/1\s+Running/);
    expect(r.stdout).toMatch(/hello\s+helloworld-v1-[bcdfghjklmnpqrstvwxz2456789]{1,10}-[bcdfghjklmnpqrstvwxz2456789]{5}\s+1\/1\s+Running\s+0\s+\S+\s+10\.244\.\d+\.\d+\s+labs-control-plane/);
  });

  it('prints services, deployments and namespaces with their usual columns', async () => {
    const svc = await t.kubectl(['get', 'svc', '-n', 'hello']);
    expect(svc.stdout).toMatch(/^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE\nhelloworld\s+ClusterIP\s+10\.96\.\d+\.\d+\s+<none>\s+5000\/TCP\s+\d+s$/);
    const deploy = await t.kubectl(['get', 'deploy', '-n', 'hello']);
    expect(deploy.stdout).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\nhelloworld-v1\s+2\/2\s+2\s+2\s+\d+s$/);
    const ns = await t.kubectl(['get', 'ns', '-L', 'istio.io/dataplane-mode']);
    expect(ns.stdout.split('\n')[0]).toMatch(/^NAME\s+STATUS\s+AGE\s+DATAPLANE-MODE$/);
    expect(ns.stdout).toMatch(/\nhello\s+Active\s+\d+s\s+ambient\n/);
    expect(ns.stdout).toMatch(/\nkube-system\s+Active\s+\d+s\s*$/);
  });

  it('serves the Gateway API and Istio CRDs that the Istio docs check for', async () => {
    const crd = await t.kubectl(['get', 'crd', 'gateways.gateway.networking.k8s.io']);
    expect(crd.exitCode).toBe(0);
    expect(crd.stdout).toMatch(/^NAME\s+CREATED AT\ngateways\.gateway\.networking\.k8s\.io\s+\d{4}-\d\d-\d\dT/);
    const gc = await t.kubectl(['get', 'gatewayclass', 'istio-waypoint']);
    expect(gc.stdout).toMatch(/istio-waypoint\s+istio\.io\/mesh-controller\s+True/);
  });

  it('waits for a pod to be Ready', async () => {
    const r = await t.kubectl(['wait', '--for=condition=Ready', 'pod/x', '-n', 'hello', '--timeout=10s']);
    expect(r.stdout).toBe('pod/x condition met');
  });

  it('says an object is not found the way the API server does', async () => {
    const r = await t.kubectl(['get', 'pod', 'nope', '-n', 'hello']);
    expect(r).toMatchObject({ exitCode: 1, stderr: 'Error from server (NotFound): pods "nope" not found' });
  });

  it('ends kubectl describe ns with the quota and limit range lines', async () => {
    const r = await t.kubectl(['describe', 'ns', 'hello']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/Status:\s+Active\n\nNo resource quota\.\n\nNo LimitRange resource\.$/);
    expect((await t.kubectl(['get', 'quota,limits', '-n', 'hello'])).stderr).toBe('No resources found in hello namespace.');
  });

  it('marks the pods ambient captures with ambient.istio.io/redirection, and only those', async () => {
    const mark = "jsonpath={.metadata.annotations['ambient\\.istio\\.io/redirection']}";
    expect((await t.kubectl(['get', 'pod', 'x', '-n', 'hello', '-o', mark])).stdout).toBe('enabled');
    await t.kubectl(['run', 'outside', '-n', 'hello', '--image=curlimages/curl', '--labels=istio.io/dataplane-mode=none', '--command', '--', 'sleep', 'infinity']);
    expect((await t.kubectl(['get', 'pod', 'outside', '-n', 'hello', '-o', mark])).stdout).toBe('');
    await t.kubectl(['run', 'plain', '-n', 'default', '--image=curlimages/curl', '--command', '--', 'sleep', 'infinity']);
    expect((await t.kubectl(['get', 'pod', 'plain', '-n', 'default', '-o', mark])).stdout).toBe('');
    await t.kubectl(['label', 'ns', 'default', 'istio.io/dataplane-mode=ambient']);
    expect((await t.kubectl(['get', 'pod', 'plain', '-n', 'default', '-o', mark])).stdout).toBe('enabled');
    await t.kubectl(['label', 'ns', 'default', 'istio.io/dataplane-mode-']);
    expect((await t.kubectl(['get', 'pod', 'plain', '-n', 'default', '-o', mark])).stdout).toBe('');
    await t.kubectl(['delete', 'pod', 'outside', '-n', 'hello']);
    await t.kubectl(['delete', 'pod', 'plain', '-n', 'default']);
  });
});

describe('kubectl auth on the embedded cluster', () => {
  it('answers can-i yes for the admin of the kubeconfig', async () => {
    expect(await t.kubectl(['auth', 'can-i', 'create', 'pods'])).toMatchObject({ exitCode: 0, stdout: 'yes' });
    expect(await t.kubectl(['auth', 'can-i', '*', '*', '-A'])).toMatchObject({ exitCode: 0, stdout: 'yes' });
  });

  it('says who the kubeconfig user is, as kind does', async () => {
    const r = await t.kubectl(['auth', 'whoami']);
    expect(r).toMatchObject({ exitCode: 0, stdout: 'ATTRIBUTE   VALUE\nUsername    kubernetes-admin\nGroups      [kubeadm:cluster-admins system:authenticated]' });
  });

  it('lists the review resources in discovery, create only', async () => {
    const r = await t.kubectl(['api-resources', '--api-group=authorization.k8s.io', '-o', 'wide']);
    expect(r.stdout).toMatch(/\nselfsubjectaccessreviews\s+authorization\.k8s\.io\/v1\s+false\s+SelfSubjectAccessReview\s+create\s*\n/);
  });

  it('answers a POST to an unknown path with 404, as a real server does', async () => {
    const r = await t.kubectl(['create', '--raw', '/nope', '-f', t.write('empty.json', '{}')]);
    expect(r).toMatchObject({ exitCode: 1, stderr: 'Error from server (NotFound): the server could not find the requested resource' });
  });
});
