import { describe, expect, it } from 'vitest';
import { humanDuration } from './age.ts';
import { checkDns1035Label, checkDnsSubdomain, checkLabels, checkQualifiedName } from './validation.ts';

describe('metadata validation', () => {
  it('accepts DNS-1123 subdomains and refuses upper case with the apimachinery message', () => {
    expect(checkDnsSubdomain('helloworld-v1.x')).toEqual([]);
    expect(checkDnsSubdomain('Hello')).toEqual([`a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`]);
  });

  it('requires Service names to start with a letter', () => {
    expect(checkDns1035Label('1svc')[0]).toMatch(/^a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character/);
  });

  it('reports bad label keys and values on metadata.labels', () => {
    expect(checkLabels({ 'istio.io/use-waypoint': '#none' })).toEqual([{ field: 'metadata.labels', type: 'FieldValueInvalid', value: '#none', detail: expect.stringMatching(/^a valid label must be an empty string/) }]);
    expect(checkQualifiedName('bad key')[0]).toMatch(/^name part must consist of alphanumeric characters/);
    expect(checkQualifiedName('Example.com/x')[0]).toMatch(/^prefix part a lowercase RFC 1123 subdomain/);
  });
});

describe('humanDuration', () => {
  it.each([[5_000, '5s'], [119_000, '119s'], [150_000, '2m30s'], [600_000, '10m'], [3 * 3600_000 + 60_000, '3h1m'], [50 * 3600_000, '2d2h'], [400 * 86400_000, '400d']])('%d ms is %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});
