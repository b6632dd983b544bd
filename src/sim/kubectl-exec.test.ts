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

describe('kubectl exec in embedded pods', () => {
  it('runs curl through exec with the exit code curl gives', async () => {
    const ok = await t.kubectl(['exec', '-n', 'hello', 'x', '--', 'curl', '-s', '-o', '/dev/null', '-w', '%{http_code}', 'http://helloworld:5000/hello']);
    expect(ok).toMatchObject({ exitCode: 0, stdout: '200' });
    await t.kubectl(['apply', '-f', t.write('deny2.yaml', DENY_ALL)]);
    const reset = await t.kubectl(['exec', '-n', 'hello', 'x', '--', 'curl', '-sS', 'http://helloworld.hello.svc.cluster.local:5000/hello']);
    expect(reset.exitCode).toBe(56);
    expect(reset.stderr).toContain('curl: (56) Recv failure: Connection reset by peer');
    expect(reset.stderr).toContain('command terminated with exit code 56');
    await t.kubectl(['delete', 'ap', 'deny-all', '-n', 'hello']);
  });

  it('answers shell built-ins in pods and refuses commands it does not run', async () => {
    expect((await t.kubectl(['exec', '-n', 'hello', 'x', '--', 'cat', '/etc/hostname'])).stdout).toBe('x');
    const exit = await t.kubectl(['exec', '-n', 'hello', 'x', '--', 'sh', '-c', 'echo hi && exit 3']);
    expect(exit).toMatchObject({ exitCode: 3, stdout: 'hi' });
    const missing = await t.kubectl(['exec', '-n', 'hello', 'x', '--', 'nslookup', 'helloworld']);
    expect(missing.exitCode).toBe(127);
    expect(missing.stderr).toContain('nslookup: command not found');
  });

  it('answers curl -v as the curl of the image\'s tag does, User-Agent included', async () => {
    await t.kubectl(['run', 'c816', '-n', 'hello', '--image=curlimages/curl:8.16.0', '--command', '--', 'sleep', 'infinity']);
    const ip = (await t.kubectl(['get', 'svc', 'helloworld', '-n', 'hello', '-o', 'jsonpath={.spec.clusterIP}'])).stdout;
    const podIp = (await t.kubectl(['get', 'pod', 'c816', '-n', 'hello', '-o', 'jsonpath={.status.podIP}'])).stdout;
    const r = await t.kubectl(['exec', '-n', 'hello', 'c816', '--', 'curl', '-sv', 'http://helloworld:5000/hello']);
    const lines = r.stderr.replace(/\r/g, '').split('\n');
    expect(lines.slice(0, 6)).toEqual([
      '* Host helloworld:5000 was resolved.', '* IPv6: (none)', `* IPv4: ${ip}`, `*   Trying ${ip}:5000...`,
      expect.stringMatching(new RegExp(`^\\* Established connection to helloworld \\(${ip.replace(/\./g, '\\.')} port 5000\\) from ${podIp.replace(/\./g, '\\.')} port \\d+ $`)),
      '* using HTTP/1.x',
    ]);
    expect(lines).toContain('> User-Agent: curl/8.16.0');
    expect(lines).toContain('* Request completely sent off');
    expect(lines.at(-1)).toBe('* Connection #0 to host helloworld:5000 left intact');
  });

  it('refuses port-forward and says to use exec with curl', async () => {
    const r = await t.kubectl(['port-forward', '-n', 'hello', 'pod/x', '18080:80']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('port-forward is not supported by the embedded cluster: no process listens in its pods; use kubectl exec POD -- curl URL');
  });

  it('runs a one-shot curl pod with kubectl run --rm -i and passes on its output and exit code', async () => {
    const ok = await t.kubectl(['run', 'once', '-n', 'hello', '--rm', '-i', '--restart=Never', '--image=curlimages/curl', '--', '-s', 'http://helloworld:5000/hello']);
    expect(ok.exitCode).toBe(0);
    expect(ok.stdout).toMatch(/^Hello version: v1, instance: helloworld-v1-\S+\npod "once" deleted$/);
    const failed = await t.kubectl(['run', 'twice', '-n', 'hello', '--rm', '-i', '--restart=Never', '--image=curlimages/curl', '--', '-sS', 'http://nope:5000/']);
    expect(failed.exitCode).toBe(6);
    expect(failed.stdout).toContain('curl: (6) Could not resolve host: nope');
  });

  it('keeps the output of a one-shot pod as its log and reports it Completed or Error', async () => {
    await t.kubectl(['run', 'probe', '-n', 'hello', '--restart=Never', '--image=curlimages/curl', '--', '-sS', 'http://nope:5000/']);
    expect((await t.kubectl(['wait', '--for=jsonpath={.status.phase}=Failed', 'pod/probe', '-n', 'hello', '--timeout=5s'])).exitCode).toBe(0);
    expect((await t.kubectl(['logs', 'probe', '-n', 'hello'])).stdout).toBe('curl: (6) Could not resolve host: nope');
    expect((await t.kubectl(['get', 'pod', 'probe', '-n', 'hello'])).stdout).toMatch(/\nprobe\s+0\/1\s+Error\s+0\s+/);
  });
});
