import { describe, expect, it } from 'vitest';
import type { Outcome } from '../mesh/types.ts';
import { parseCurlArgs } from './curl.ts';
import { expandWriteOut, formatCurlOutput, type FormatOptions } from './curl-output.ts';
import { curlVersionOf } from './curl-verbose.ts';

const ok: Outcome = {
  kind: 'response', status: 200, statusText: 'OK', httpVersion: '1.1',
  headers: [['content-type', 'text/plain'], ['content-length', '6']], body: 'hello\n',
};
const forbidden: Outcome = { kind: 'response', status: 403, statusText: 'Forbidden', httpVersion: '1.1', headers: [['content-length', '19']], body: 'RBAC: access denied' };
const reset: Outcome = { kind: 'error', error: 'reset', curlExit: 56, message: 'Recv failure: Connection reset by peer' };
const timeout: Outcome = { kind: 'error', error: 'timeout', curlExit: 28, message: 'Failed to connect to a port 80 after 300000 ms: Timeout was reached' };

function run(args: string[], outcome: Outcome, tty = false, extra: Partial<FormatOptions> = {}) {
  const parsed = parseCurlArgs([...args, 'http://a:5000/hello']);
  if (!parsed.ok) throw new Error(parsed.stderr);
  return formatCurlOutput({ options: parsed.options, outcome, url: 'http://a:5000/hello', method: parsed.options.head ? 'HEAD' : 'GET', tty, ...extra });
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
    expect(run(['-sSv'], dns).stderr).toBe('* Could not resolve host: a\ncurl: (6) Could not resolve host: a\n');
    expect(run(['-sSv'], timeout).stderr.split('\n').slice(0, 4)).toEqual(['* Host a:5000 was resolved.', '* IPv6: (none)', '* IPv4: a', '*   Trying a:5000...']);
  });

  it('shows what curl 8.16 prints with -v: resolution, connection, request, response and the kept connection', () => {
    const v = run(['-sv'], ok, false, { version: '8.16.0', remoteIp: '10.96.1.7', localIp: '10.244.0.9' });
    expect(v.stderr).toMatch(new RegExp([
      '^\\* Host a:5000 was resolved\\.\n\\* IPv6: \\(none\\)\n\\* IPv4: 10\\.96\\.1\\.7\n\\* {3}Trying 10\\.96\\.1\\.7:5000\\.\\.\\.\n',
      '\\* Established connection to a \\(10\\.96\\.1\\.7 port 5000\\) from 10\\.244\\.0\\.9 port \\d+ \n\\* using HTTP/1\\.x\n',
    ].join('')));
    expect(v.stderr).toContain('> GET /hello HTTP/1.1\r\n> Host: a:5000\r\n> User-Agent: curl/8.16.0\r\n> Accept: */*\r\n> \r\n* Request completely sent off\n');
    expect(v.stderr).toContain('< HTTP/1.1 200 OK\r\n< content-type: text/plain\r\n< content-length: 6\r\n< \r\n{ [6 bytes data]\n* Connection #0 to host a:5000 left intact\n');
  });

  it('prints the lines of the curl version the image names with -v', () => {
    const v = run(['-sv'], ok, true, { version: '8.6.0', remoteIp: '10.96.1.7' });
    expect(v.stderr).toContain('*   Trying 10.96.1.7:5000...\n* Connected to a (10.96.1.7) port 5000\n> GET /hello HTTP/1.1\r\n');
    expect(v.stderr).toContain('> User-Agent: curl/8.6.0\r\n');
    expect(v.stderr).not.toContain('Request completely sent off');
    expect(v.stderr.endsWith('< \r\n* Connection #0 to host a left intact\n')).toBe(true);
  });
});

describe('curlVersionOf', () => {
  it('takes the version from a curl image tag, else a current curl 8', () => {
    expect(curlVersionOf('curlimages/curl:8.16.0')).toBe('8.16.0');
    expect(curlVersionOf('docker.io/curlimages/curl:8.5.0')).toBe('8.5.0');
    expect(curlVersionOf('curlimages/curl')).toBe('8.16.0');
    expect(curlVersionOf('curlimages/curl:latest')).toBe('8.16.0');
    expect(curlVersionOf('nicolaka/netshoot:v0.13')).toBe('8.16.0');
  });
});

describe('expandWriteOut', () => {
  it('expands variables and backslash escapes', () => {
    expect(expandWriteOut('%{http_code} %{method}\\n', { http_code: '200', method: 'GET' })).toBe('200 GET\n');
  });
});
