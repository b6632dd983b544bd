import { describe, expect, it } from 'vitest';
import type { KubeObject, Mesh, MeshRequest } from '../mesh/types.ts';
import { runCommand, splitWords, type ShellContext } from './shell.ts';

const pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'sleep-abc', namespace: 'demo' }, spec: { containers: [{ name: 'sleep', env: [{ name: 'GREETING', value: 'hi' }] }] } };

function context(seen: MeshRequest[] = []): ShellContext {
  const mesh: Mesh = {
    evaluate: async (request) => {
      seen.push(request);
      return { outcome: { kind: 'response', status: 200, statusText: 'OK', httpVersion: '1.1', headers: [], body: `hello from ${request.url}` }, trace: [] };
    },
    samplePath: () => undefined,
  };
  return { pod, container: 'sleep', tty: false, stdin: '', mesh: () => mesh, now: () => 42, signal: new AbortController().signal };
}

describe('runCommand', () => {
  it('sends curl requests to the mesh from the pod, with curl\'s default headers', async () => {
    const seen: MeshRequest[] = [];
    const r = await runCommand(['curl', '-s', '-H', 'X-User: alice', 'helloworld:5000/hello'], context(seen));
    expect(r).toEqual({ stdout: 'hello from http://helloworld:5000/hello', stderr: '', exitCode: 0 });
    expect(seen[0]).toEqual({ from: { namespace: 'demo', pod: 'sleep-abc' }, url: 'http://helloworld:5000/hello', method: 'GET', headers: { 'user-agent': 'curl/8.16.0', accept: '*/*', 'x-user': 'alice' }, now: 42 });
  });

  it('sends the User-Agent of the curl the image\'s tag names', async () => {
    const seen: MeshRequest[] = [];
    const tagged = { ...pod, spec: { containers: [{ name: 'sleep', image: 'curlimages/curl:8.12.1' }] } };
    await runCommand(['curl', '-s', 'http://a/'], { ...context(seen), pod: tagged });
    expect(seen[0]?.headers?.['user-agent']).toBe('curl/8.12.1');
  });

  it('passes curl\'s -m and --connect-timeout to the mesh as the request timeout', async () => {
    const seen: MeshRequest[] = [];
    await runCommand(['curl', '-s', '-m', '5', '--connect-timeout', '2', 'http://a/'], context(seen));
    expect(seen[0]?.timeoutMs).toBe(2000);
  });

  it('runs simple sh -c scripts with &&, || and exit', async () => {
    expect(await runCommand(['sh', '-c', 'echo a && false || echo b; exit 4'], context())).toEqual({ stdout: 'a\nb\n', stderr: '', exitCode: 4 });
    expect((await runCommand(['/bin/sh', '-c', 'curl -s "http://a/x?y=1"'], context())).stdout).toBe('hello from http://a/x?y=1');
  });

  it('refuses pipes and substitutions it cannot run, and says so', async () => {
    const r = await runCommand(['sh', '-c', 'curl -s http://a/ | grep x'], context());
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("the embedded cluster's sh runs simple commands joined by ;, && or ||, exit and for loops; not: curl -s http://a/ | grep x");
  });

  it('runs for loops over words and $(seq), expanding the variable', async () => {
    const seen: MeshRequest[] = [];
    const r = await runCommand(['sh', '-c', 'echo start; for i in $(seq 1 3); do curl -s -o /dev/null -w "$i:%{http_code} " http://a/$i; done; echo end'], context(seen));
    expect(r).toEqual({ stdout: 'start\n1:200 2:200 3:200 end\n', stderr: '', exitCode: 0 });
    expect(seen.map((q) => q.url)).toEqual(['http://a/1', 'http://a/2', 'http://a/3']);
    expect((await runCommand(['sh', '-c', "for n in a 'b c'; do echo \"$n\"; done"], context())).stdout).toBe('a\nb c\n');
    expect((await runCommand(['sh', '-c', 'for n in 1 2; do exit 7; done; echo never'], context())).exitCode).toBe(7);
  });

  it('answers hostname, cat /etc/hostname and env from the pod', async () => {
    expect((await runCommand(['hostname'], context())).stdout).toBe('sleep-abc\n');
    expect((await runCommand(['cat', '/etc/hostname'], context())).stdout).toBe('sleep-abc\n');
    expect((await runCommand(['env'], context())).stdout).toContain('GREETING=hi\n');
    expect(await runCommand(['cat', '/nope'], context())).toEqual({ stdout: '', stderr: 'cat: /nope: No such file or directory\n', exitCode: 1 });
  });

  it('exits 127 for a command it does not run, naming it', async () => {
    const r = await runCommand(['dig', 'x'], context());
    expect(r.exitCode).toBe(127);
    expect(r.stderr.split('\n')[0]).toBe('dig: command not found');
  });

  it('ends sleep infinity when the exec session closes', async () => {
    const abort = new AbortController();
    const pending = runCommand(['sleep', 'infinity'], { ...context(), signal: abort.signal });
    abort.abort();
    expect((await pending).exitCode).toBe(0);
  });
});

describe('splitWords', () => {
  it('keeps quoted words together and joins adjacent quoted parts', () => {
    expect(splitWords(`curl -H 'a: b' "x y"z`)).toEqual(['curl', '-H', 'a: b', 'x yz']);
  });
});
