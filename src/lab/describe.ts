// Actions and checks in plain words, for `labs show` and reports: "apply manifests/01-x.yaml",
// "check test/curl → GET http://... expects reset (doc says 503)".
import type { Action, ActionExpect, Check, Documented, RequestCheck, RequestExpect, ResourceCheck } from './schema.ts';
import { actionKind, isRequestCheck } from './schema.ts';

const list = (value: string | string[]) => (Array.isArray(value) ? value.join(', ') : value);
const inNamespace = (namespace: string | undefined) => (namespace ? ` -n ${namespace}` : '');

function describeActionExpect(expect: ActionExpect | undefined): string {
  if (!expect) return '';
  const parts: string[] = [];
  if (expect.rejected !== undefined) parts.push(`rejected with "${expect.rejected}"`);
  if (expect.warning !== undefined) parts.push(`a warning "${expect.warning}"`);
  if (expect.exitCode !== undefined) parts.push(`exit ${expect.exitCode}`);
  if (expect.output !== undefined) parts.push(`output "${expect.output}"`);
  return parts.length ? ` expects ${parts.join(' and ')}` : '';
}

const ACTION_WORDS: { [K in ReturnType<typeof actionKind>]: (action: any) => string } = {
  apply: (a: { apply: string | string[] }) => `apply ${list(a.apply)}`,
  delete: (a: { delete: string | string[] }) => `delete ${list(a.delete)}`,
  label: ({ label }: Extract<Action, { label: unknown }>) =>
    `label ${label.resource}${inNamespace(label.namespace)} ${Object.entries(label.labels)
      .map(([key, value]) => (value === null ? `${key}-` : `${key}=${value}`))
      .join(' ')}`,
  waypoint: ({ waypoint }: Extract<Action, { waypoint: unknown }>) =>
    `waypoint apply -n ${waypoint.namespace}${waypoint.name ? ` --name ${waypoint.name}` : ''}${waypoint.for ? ` --for ${waypoint.for}` : ''}${waypoint.enroll ? ' --enroll-namespace' : ''}`,
  kubectl: (a: { kubectl: string }) => `kubectl ${a.kubectl}`,
  exec: ({ exec }: Extract<Action, { exec: unknown }>) => `exec in ${exec.from}: ${exec.command.join(' ')}`,
  wait: ({ wait }: Extract<Action, { wait: unknown }>) =>
    `wait for ${wait.resource}${inNamespace(wait.namespace)} ${wait.for.startsWith('condition=') ? wait.for : `to be ${wait.for}`}${wait.timeout ? ` (up to ${wait.timeout})` : ''}`,
};

// One line for an action, e.g. "apply manifests/01-x.yaml" or "kubectl get pods expects exit 1".
export function describeAction(action: Action): string {
  return ACTION_WORDS[actionKind(action)](action) + describeActionExpect(action.expect);
}

// The outcome in a word or two: "503", "reset", "curl exit 35", with body and header conditions.
export function describeOutcome(expect: RequestExpect | Documented): string {
  const head =
    expect.status !== undefined ? String(expect.status) : expect.error ?? (expect.curlExit !== undefined ? `curl exit ${expect.curlExit}` : '?');
  const extras: string[] = [];
  if (expect.body !== undefined) extras.push(`body contains "${expect.body}"`);
  if (expect.bodyMatches !== undefined) extras.push(`body matches /${expect.bodyMatches}/`);
  for (const [name, value] of Object.entries(expect.headers ?? {})) extras.push(`header ${name}: ${value}`);
  return [head, ...extras].join(' and ');
}

function describeTiming(check: Check): string {
  if (check.consistently) return ` for ${check.consistently}`;
  return check.timeout ? ` within ${check.timeout}` : '';
}

function describeRequest(check: RequestCheck): string {
  const extras: string[] = [];
  if (check.bearer) extras.push(`bearer ${check.bearer}`);
  for (const [name, value] of Object.entries(check.headers ?? {})) extras.push(`header ${name}: ${value}`);
  if (check.data !== undefined) extras.push('a body');
  const sent = extras.length ? ` with ${extras.join(', ')}` : '';
  const doc = check.documented ? ` (doc says ${describeOutcome(check.documented)})` : '';
  return `${check.from} → ${check.method ?? 'GET'} ${check.url}${sent} expects ${describeOutcome(check.expect)}${describeTiming(check)}${doc}`;
}

function describeResource(check: ResourceCheck): string {
  const { condition, exists } = check.expect;
  let state = exists === false ? 'is absent' : 'exists';
  if (condition) {
    const details = [condition.reason && `reason ${condition.reason}`, condition.message && `message "${condition.message}"`].filter(Boolean);
    state = `has condition ${condition.type}${condition.status ? `=${condition.status}` : ''}${details.length ? ` (${details.join(', ')})` : ''}`;
  }
  return `${check.resource}${inNamespace(check.namespace)} ${state}${describeTiming(check)}`;
}

// One line for a check, e.g. 'check test/curl → GET http://x/ expects reset (doc says 503)'.
export function describeCheck(check: Check): string {
  const named = check.name ? `"${check.name}": ` : '';
  return `check ${named}${isRequestCheck(check) ? describeRequest(check) : describeResource(check)}`;
}
