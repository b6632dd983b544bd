import { describe, expect, it } from 'vitest';
import type { Outcome } from '../mesh/types.ts';
import { parseCurlArgs } from './curl.ts';
import { expandWriteOut, formatCurlOutput } from './curl-output.ts';

const ok: Outcome = {
  kind: 'response', status: 200, statusText: 'OK', httpVersion: '1.1',
  headers: [['content-type', 'text/plain'], ['content-length', '6']], body: 'hello\n',
};
const forbidden: Outcome = { kind: 'response', status: 403, statusText: 'Forbidden', httpVersion: '1.1', headers: [['content-length', '19']], body: 'RBAC: access denied' };
const reset: Outcome = { kind: 'error', error: 'reset', curlExit: 56, message: 'Recv failure: Connection reset by peer' };
const timeout: Outcome = { kind: 'error', error: 'timeout', curlExit: 28, message: 'Failed to connect to a port 80 after 300000 ms: Timeout was reached' };

function run(args: string[], outcome: Outcome, tty = false) {
  const parsed = parseCurlArgs([...args, 'http://a:5000/hello']);
  if (!parsed.ok) throw new Error(parsed.stderr);
  return formatCurlOutput({ options: parsed.options, outcome, url: 'http://a:5000/hello', method: parsed.options.head ? 'HEAD' : 'GET', tty });
}

describe('formatCurlOutput', () => {
  it('prints only the body with -s', () => {
    expect(run(['-s'], ok)).toEqual({ stdout: 'hello\n', stderr: '', exitCode: 0 });
  });

  it('prints the error line for a reset without -s, or with -sS, and nothing with -s', () => {
    expect(run(['-s'], reset)).toEqual({ stdout: '', stderr: '', exitCode: 56 });
    expect(run(['-sS'], reset)).toEqual({ stdout: '', stderr: 'curl: (56) Recv failure: Connection reset by peer\n', exitCode: 56 });
    const plain = run([], reset);
    expect(plain.stderr).toMatch(/^ {2}% Total {4}% Received/);
    expect(plain.stderr.endsWith('curl: (56) Recv failure: Connection reset by peer\n')).toBe(true);
  });

  it('leaves out the progress meter on a terminal', () => {
    expect(run([], reset, true).stderr).toBe('curl: (56) Recv failure: Connection reset by peer\n');
  });

  it('fails with exit 22 on -f for an HTTP error and prints no body', () => {
    expect(run(['-sSf'], forbidden)).toEqual({ stdout: '', stderr: 'curl: (22) The requested URL returned error: 403\n', exitCode: 22 });
    expect(run(['-s'], forbidden)).toEqual({ stdout: 'RBAC: access denied', stderr: '', exitCode: 0 });
  });

  it('prints the status line and headers with CRLF before the body for -i, and only them for -I', () => {
    expect(run(['-si'], ok).stdout).toBe('HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 6\r\n\r\nhello\n');
    expect(run(['-sI'], ok).stdout).toBe('HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 6\r\n\r\n');
  });

  it('writes %{http_code} with -w, 000 when there was no response', () => {
    expect(run(['-s', '-o', '/dev/null', '-w', '%{http_code}\\n'], forbidden)).toEqual({ stdout: '403\n', stderr: '', exitCode: 0 });
    expect(run(['-s', '-o', '/dev/null', '-w', '%{http_code}'], reset)).toEqual({ stdout: '000', stderr: '', exitCode: 56 });
  });

  it('prints the engine\'s words for a timeout with exit 28', () => {
    expect(run(['-sS', '-m', '2'], timeout)).toEqual({ stdout: '', stderr: 'curl: (28) Failed to connect to a port 80 after 300000 ms: Timeout was reached\n', exitCode: 28 });
  });

  it('shows no request lines with -v when the connection never opened', () => {
    const dns: Outcome = { kind: 'error', error: 'dns', curlExit: 6, message: 'Could not resolve host: a' };
    expect(run(['-sSv'], dns).stderr).toBe('curl: (6) Could not resolve host: a\n');
    expect(run(['-sSv'], timeout).stderr.split('\n')[0]).toBe('*   Trying a:5000...');
  });

  it('shows the request and response lines with -v', () => {
    const v = run(['-sv'], ok);
    expect(v.stderr).toContain('> GET /hello HTTP/1.1\n> Host: a:5000\n> User-Agent: curl/8.11.1\n> Accept: */*\n>\n');
    expect(v.stderr).toContain('< HTTP/1.1 200 OK\n< content-type: text/plain\n');
  });
});

describe('expandWriteOut', () => {
  it('expands variables and backslash escapes', () => {
    expect(expandWriteOut('%{http_code} %{method}\\n', { http_code: '200', method: 'GET' })).toBe('200 GET\n');
  });
});
