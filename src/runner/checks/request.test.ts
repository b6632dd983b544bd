import { describe, expect, it } from 'vitest';
import { buildCurlCommand, formatCurlCommand, requestCheckName } from './request.ts';

const check = {
  from: 'travel-portal/deploy/viaggi',
  url: 'http://travels.travel-agency.svc.cluster.local:8000/travels/Madrid',
  expect: { status: 403 },
};

describe('the curl a request check runs', () => {
  it('asks curl for status line and headers, with a bounded time', () => {
    expect(buildCurlCommand(check, new Map())).toEqual(['curl', '-sS', '-i', '--max-time', '20', check.url]);
  });

  it('adds the method, headers, bearer token from the lab folder and body', () => {
    const argv = buildCurlCommand(
      { ...check, method: 'POST', headers: { 'x-user': 'alice' }, bearer: 'tokens/valid.jwt', data: '{"a":1}' },
      new Map([['tokens/valid.jwt', 'eyJ.abc.def\n']]),
    );
    expect(argv).toEqual(['curl', '-sS', '-i', '--max-time', '20', '-X', 'POST', '-H', 'x-user: alice', '-H', 'Authorization: Bearer eyJ.abc.def', '--data', '{"a":1}', check.url]);
  });

  it('keeps GET, the default method, when the check sends a body (curl --data alone would POST)', () => {
    expect(buildCurlCommand({ ...check, data: 'x=1' }, new Map())).toEqual(['curl', '-sS', '-i', '--max-time', '20', '-X', 'GET', '--data', 'x=1', check.url]);
  });

  it('asks for headers only with -I for HEAD, since -X HEAD would wait for a body', () => {
    expect(buildCurlCommand({ ...check, method: 'HEAD' }, new Map())).toEqual(['curl', '-sS', '-i', '--max-time', '20', '-I', check.url]);
  });

  it('shows the learner the kubectl command it stands for, token read from its file', () => {
    expect(formatCurlCommand({ ...check, bearer: 'tokens/valid.jwt' })).toBe(
      `kubectl exec -n travel-portal deploy/viaggi -- curl -sS -i --max-time 20 -H "Authorization: Bearer $(cat tokens/valid.jwt)" ${check.url}`,
    );
    expect(formatCurlCommand({ ...check, from: 'test/curl', headers: { 'x-user': 'a b' } })).toContain("kubectl exec -n test curl -- curl -sS -i --max-time 20 -H 'x-user: a b'");
  });

  it('names a check after its source and request unless it has a name', () => {
    expect(requestCheckName(check)).toBe(`travel-portal/deploy/viaggi -> GET ${check.url}`);
    expect(requestCheckName({ ...check, name: 'portal may GET travels' })).toBe('portal may GET travels');
  });
});
