// curl's output → the observed outcome, and whether it matches what a check expects.
import type { RequestExpect } from '../../lab/schema.ts';
import type { ObservedOutcome } from '../events.ts';

const ERROR_BY_EXIT: Record<number, 'reset' | 'refused' | 'timeout' | 'dns' | 'empty-reply'> = {
  56: 'reset',
  7: 'refused',
  28: 'timeout',
  6: 'dns',
  52: 'empty-reply',
};
export const EXIT_BY_ERROR = { reset: 56, refused: 7, timeout: 28, dns: 6, 'empty-reply': 52 } as const;

// Parse `curl -sS -i` output: the last header block (after 1xx or redirects), then the body.
export function parseCurlOutput(result: { exitCode: number; stdout: string; stderr: string }): ObservedOutcome {
  if (result.exitCode !== 0) {
    const message = /curl: \(\d+\) (.*)/.exec(result.stderr)?.[1] ?? result.stderr.trim();
    const error = ERROR_BY_EXIT[result.exitCode];
    return { ...(error ? { error } : {}), curlExit: result.exitCode, message };
  }
  let rest = result.stdout;
  let head = '';
  while (/^HTTP\/[\d.]+ \d{3}/.test(rest)) {
    const end = rest.search(/\r?\n\r?\n/);
    if (end < 0) {
      head = rest;
      rest = '';
      break;
    }
    head = rest.slice(0, end);
    rest = rest.slice(end).replace(/^\r?\n\r?\n/, '');
  }
  const [statusLine = '', ...headerLines] = head.split(/\r?\n/);
  const status = Number(/^HTTP\/[\d.]+ (\d{3})/.exec(statusLine)?.[1] ?? 0);
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status, headers, body: rest };
}

// Whether an observed outcome is the one described (expect or documented).
export function matchesOutcome(observed: ObservedOutcome, expected: RequestExpect): boolean {
  if ('status' in observed) {
    if (expected.status === undefined || expected.status !== observed.status) return false;
    if (expected.body !== undefined && !observed.body.includes(expected.body)) return false;
    if (expected.bodyMatches !== undefined && !new RegExp(expected.bodyMatches).test(observed.body)) return false;
    for (const [name, value] of Object.entries(expected.headers ?? {})) {
      if (observed.headers[name.toLowerCase()] !== value) return false;
    }
    return true;
  }
  if (expected.error !== undefined) return observed.error === expected.error;
  return expected.curlExit !== undefined && expected.curlExit === observed.curlExit;
}

// "status 403", "error reset (curl exit 56)", "curl exit 35" — plus the body conditions.
export function describeOutcome(outcome: RequestExpect): string {
  const parts: string[] = [];
  if (outcome.status !== undefined) parts.push(`status ${outcome.status}`);
  if (outcome.error !== undefined) parts.push(`error ${outcome.error} (curl exit ${EXIT_BY_ERROR[outcome.error]})`);
  if (outcome.curlExit !== undefined) parts.push(`curl exit ${outcome.curlExit}`);
  if (outcome.body !== undefined) parts.push(`body containing ${JSON.stringify(outcome.body)}`);
  if (outcome.bodyMatches !== undefined) parts.push(`body matching /${outcome.bodyMatches}/`);
  for (const [k, v] of Object.entries(outcome.headers ?? {})) parts.push(`header ${k}: ${v}`);
  return parts.join(', ');
}

// What was seen, in the same words.
export function describeObserved(observed: ObservedOutcome): string {
  if ('status' in observed) {
    const first = observed.body.trim().split('\n')[0] ?? '';
    const body = first.length > 60 ? `${first.slice(0, 59)}…` : first;
    return `status ${observed.status}${body ? ` (${JSON.stringify(body)})` : ''}`;
  }
  return observed.error
    ? `error ${observed.error} (curl exit ${observed.curlExit})`
    : `curl exit ${observed.curlExit}: ${observed.message}`;
}
