import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppsCluster, type TestCluster } from './testing/kubectl.ts';

let t: TestCluster;

beforeAll(async () => {
  t = await startAppsCluster();
});

afterAll(async () => {
  await t.stop();
});

describe('interactive sessions on the embedded cluster', () => {
  it('ends kubectl exec -it POD -- sh at once with what to run instead, and exit code 1', async () => {
    // A hang would end in the test's own timeout.
    const r = await t.kubectlOnTerminal(['exec', '-it', '-n', 'hello', 'x', '--', 'sh']);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('error: labs: the embedded cluster has no interactive shell: "sh" in pod hello/x cannot read a terminal.');
    expect(r.stdout).toContain("kubectl exec x -n hello -- sh -c '<commands>'");
  });

  it('still runs commands piped into kubectl exec -i POD -- sh', async () => {
    const r = await t.kubectl(['exec', '-i', '-n', 'hello', 'x', '--', 'sh'], { input: 'echo hi\nhostname\n' });
    expect(r).toMatchObject({ exitCode: 0, stdout: 'hi\nx' });
  });

  it('ends kubectl run --rm -it -- sh with the reason and a non-zero exit, and deletes the pod', async () => {
    const r = await t.kubectlOnTerminal(['run', 'shell', '-n', 'hello', '--rm', '-it', '--image=curlimages/curl', '--restart=Never', '--', 'sh']);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('warning: couldn\'t attach to pod/shell, falling back to streaming logs: labs: the embedded cluster has no interactive shell: "sh" in pod hello/shell cannot read input');
    expect(r.stdout).toContain('pod "shell" deleted\npod hello/shell terminated (Error)');
    expect((await t.kubectl(['get', 'pod', 'shell', '-n', 'hello'])).stderr).toBe('Error from server (NotFound): pods "shell" not found');
  });
});

describe('the SPDY retry of a refused exec or attach', () => {
  it('gets the same validation error as the WebSocket attempt', async () => {
    const r = await t.kubectl(['exec', '-n', 'hello', 'x', '-c', 'nope', '--', 'ls']);
    expect(r).toMatchObject({ exitCode: 1, stderr: 'Error from server (BadRequest): container nope is not valid for pod x' });
  });

  it('gets the reason attach is refused for a container that keeps running', async () => {
    const r = await t.kubectl(['attach', '-n', 'hello', 'x']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('Error from server (BadRequest): attach is supported by the embedded cluster only for one-shot containers');
  });

  it('explains SPDY only for a request that is otherwise valid', async () => {
    const r = await t.kubectl(['exec', '-n', 'hello', 'x', '--', 'true'], { env: { KUBECTL_REMOTE_COMMAND_WEBSOCKETS: 'false' } });
    expect(r.stderr).toBe('Error from server (BadRequest): exec needs a WebSocket upgrade (v5.channel.k8s.io or v4.channel.k8s.io); the embedded cluster does not speak SPDY (unset KUBECTL_REMOTE_COMMAND_WEBSOCKETS)');
  });
});
