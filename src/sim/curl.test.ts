import { describe, expect, it } from 'vitest';
import { methodOf, normalizeUrl, parseCurlArgs } from './curl.ts';

const parsed = (args: string[]) => {
  const r = parseCurlArgs(args);
  if (!r.ok) throw new Error(r.stderr);
  return r.options;
};

describe('parseCurlArgs', () => {
  it('reads combined short flags such as -sS and -sI', () => {
    expect(parsed(['-sS', 'http://a/'])).toMatchObject({ silent: true, showError: true, url: 'http://a/' });
    expect(parsed(['-sI', 'http://a/'])).toMatchObject({ silent: true, head: true });
  });

  it('takes the URL first or last, with options around it', () => {
    expect(parsed(['http://a:5000/hello', '-s', '-o', '/dev/null', '-w', '%{http_code}'])).toMatchObject({ url: 'http://a:5000/hello', output: '/dev/null', writeOut: '%{http_code}' });
    expect(parsed(['-X', 'DELETE', '-H', 'x-user: alice', 'http://a/'])).toMatchObject({ method: 'DELETE', headers: [['x-user', 'alice']] });
  });

  it('reads values glued to short flags and given with = to long ones', () => {
    expect(parsed(['-XPOST', '-Hx-a:1', 'http://a/'])).toMatchObject({ method: 'POST', headers: [['x-a', '1']] });
    expect(parsed(['--max-time=3', '--connect-timeout', '1.5', 'http://a/'])).toMatchObject({ maxTimeMs: 3000, connectTimeoutMs: 1500 });
  });

  it('joins repeated data with & and makes the request a POST', () => {
    const o = parsed(['-d', 'a=1', '--data', 'b=2', 'http://a/']);
    expect(o.data).toBe('a=1&b=2');
    expect(methodOf(o)).toBe('POST');
  });

  it('sends HEAD for -I and honours -X over it', () => {
    expect(methodOf(parsed(['-I', 'http://a/']))).toBe('HEAD');
    expect(methodOf(parsed(['--head', '-X', 'GET', 'http://a/']))).toBe('GET');
  });

  it('sends basic credentials for -u and cookies for -b', () => {
    expect(parsed(['-u', 'alice:secret', '-b', 'a=1', 'http://a/']).headers).toEqual([['Authorization', `Basic ${Buffer.from('alice:secret').toString('base64')}`], ['Cookie', 'a=1']]);
  });

  it('refuses real curl options it does not emulate, saying so', () => {
    const r = parseCurlArgs(['-F', 'file=@x', 'http://a/']);
    expect(r).toMatchObject({ ok: false, exitCode: 2 });
    expect(!r.ok && r.stderr).toMatch(/^labs: the embedded cluster's curl does not emulate -F;/);
  });

  it('exits 2 with curl\'s messages for an unknown option or a missing URL', () => {
    expect(parseCurlArgs(['--bogus', 'http://a/'])).toEqual({ ok: false, exitCode: 2, stderr: "curl: option --bogus: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n" });
    expect(parseCurlArgs(['-s'])).toEqual({ ok: false, exitCode: 2, stderr: "curl: no URL specified\ncurl: try 'curl --help' or 'curl --manual' for more information\n" });
    expect(parseCurlArgs(['-H'])).toMatchObject({ ok: false, exitCode: 2 });
  });
});

describe('normalizeUrl', () => {
  it('adds curl\'s default scheme and path', () => {
    expect(normalizeUrl('helloworld:5000')).toBe('http://helloworld:5000/');
    expect(normalizeUrl('http://helloworld.hello.svc.cluster.local:5000/hello')).toBe('http://helloworld.hello.svc.cluster.local:5000/hello');
  });
});
