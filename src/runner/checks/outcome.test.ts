import { describe, expect, it } from 'vitest';
import { describeObserved, describeOutcome, matchesOutcome, parseCurlOutput } from './outcome.ts';

describe('parseCurlOutput', () => {
  it('reads the status, headers and body of curl -i output', () => {
    const observed = parseCurlOutput({
      exitCode: 0,
      stdout: 'HTTP/1.1 403 Forbidden\r\ncontent-length: 19\r\ncontent-type: text/plain\r\n\r\nRBAC: access denied',
      stderr: '',
    });
    expect(observed).toEqual({ status: 403, headers: { 'content-length': '19', 'content-type': 'text/plain' }, body: 'RBAC: access denied' });
  });

  it('keeps the last header block when curl printed a 100 Continue first', () => {
    const observed = parseCurlOutput({ exitCode: 0, stdout: 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nx: y\r\n\r\nmade', stderr: '' });
    expect(observed).toMatchObject({ status: 201, body: 'made' });
  });

  it('turns curl exit 56 into a reset with its message', () => {
    const observed = parseCurlOutput({ exitCode: 56, stdout: '', stderr: 'curl: (56) Recv failure: Connection reset by peer\n' });
    expect(observed).toEqual({ error: 'reset', curlExit: 56, message: 'Recv failure: Connection reset by peer' });
  });

  it.each([
    [7, 'refused', 'Failed to connect to helloworld port 5000 after 1 ms: Could not connect to server'],
    [28, 'timeout', 'Connection timed out after 2000 milliseconds'],
    [6, 'dns', 'Could not resolve host: nowhere.hello'],
    [52, 'empty-reply', 'Empty reply from server'],
  ])('names curl exit %i %s, as the lab format does', (exitCode, error, message) => {
    expect(parseCurlOutput({ exitCode, stdout: '', stderr: `curl: (${exitCode}) ${message}\n` })).toEqual({ error, curlExit: exitCode, message });
  });

  it('keeps an exit code that has no name as a bare curlExit', () => {
    expect(parseCurlOutput({ exitCode: 35, stdout: '', stderr: 'curl: (35) TLS connect error' })).toEqual({ curlExit: 35, message: 'TLS connect error' });
  });
});

describe('matchesOutcome', () => {
  const denied = { status: 403, headers: { 'content-type': 'text/plain' }, body: 'RBAC: access denied' };

  it('matches status and body text', () => {
    expect(matchesOutcome(denied, { status: 403, body: 'RBAC: access denied' })).toBe(true);
    expect(matchesOutcome(denied, { status: 403, body: 'Hello' })).toBe(false);
    expect(matchesOutcome(denied, { status: 200 })).toBe(false);
  });

  it('compares response header names case-insensitively', () => {
    expect(matchesOutcome(denied, { status: 403, headers: { 'Content-Type': 'text/plain' } })).toBe(true);
  });

  it('never takes a response for a connection error, nor the other way round', () => {
    expect(matchesOutcome(denied, { error: 'reset' })).toBe(false);
    expect(matchesOutcome({ error: 'reset', curlExit: 56, message: '' }, { status: 503 })).toBe(false);
    expect(matchesOutcome({ error: 'reset', curlExit: 56, message: '' }, { curlExit: 56 })).toBe(true);
  });

  it('applies bodyMatches as a regular expression', () => {
    expect(matchesOutcome({ status: 200, headers: {}, body: 'Hello version: v2, instance: x' }, { status: 200, bodyMatches: 'version: v[12]' })).toBe(true);
    expect(matchesOutcome({ status: 200, headers: {}, body: 'Hello version: v3, instance: x' }, { status: 200, bodyMatches: 'version: v[12]' })).toBe(false);
  });
});

describe('describing outcomes', () => {
  it('says what was expected and what was seen in the same words', () => {
    expect(describeOutcome({ error: 'reset' })).toBe('error reset (curl exit 56)');
    expect(describeObserved({ status: 200, headers: {}, body: 'Hello version: v1\n' })).toBe('status 200 ("Hello version: v1")');
    const envoy = 'upstream connect error or disconnect/reset before headers. reset reason: connection termination';
    expect(describeObserved({ status: 503, headers: {}, body: envoy })).toBe(
      'status 503 ("upstream connect error or disconnect/reset before headers. …")',
    );
  });
});
