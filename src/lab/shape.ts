// Validate lab.yaml data against the schema; actions and checks are validated against the branch their keys select,
// so an error says what that kind of action or check expected instead of zod's "invalid input" for a union.
import type { z } from 'zod';
import { formatSuggestion, joinWords } from './did-you-mean.ts';
import type { PathSegment } from './errors.ts';
import { describeValue, dropExplainedMissingKeys, findValue, isMapping, valueAt, type Finding } from './finding.ts';
import { ACTION_KINDS, ACTION_SCHEMAS, Lab, RequestCheck, ResourceCheck } from './schema.ts';
import { translateIssue } from './zod-issues.ts';

const REQUEST_KEYS = ['from', 'url'];

// The path of the action or check an issue lies in (setup[0], steps[1].actions[0], steps[1].checks[2]).
function elementPathOf(path: readonly PropertyKey[]): PathSegment[] | undefined {
  if (path[0] === 'setup' && typeof path[1] === 'number') return ['setup', path[1]];
  const [steps, step, list, index] = path;
  if (steps === 'steps' && typeof step === 'number' && (list === 'actions' || list === 'checks') && typeof index === 'number') {
    return ['steps', step, list, index];
  }
  return undefined;
}

function validateBranch(schema: z.ZodType, data: unknown, path: PathSegment[]): Finding[] {
  const result = schema.safeParse(valueAt(data, path));
  if (result.success) return [];
  return dropExplainedMissingKeys(result.error.issues.flatMap((issue) => translateIssue(issue, { schema, data, prefix: path })));
}

function suggestFromKeys(keys: string[], choices: readonly string[]): string {
  for (const key of keys) {
    const suggestion = formatSuggestion(key, choices);
    if (suggestion) return suggestion;
  }
  return '';
}

// An action has exactly one of the action keys; validate it against that action's schema.
function validateAction(data: unknown, path: PathSegment[]): Finding[] {
  const value = valueAt(data, path);
  const choices = ACTION_KINDS.join(', ');
  if (!isMapping(value)) return [findValue(path, `expected a mapping with one of ${choices}; found ${describeValue(value)}.`)];
  const keys = Object.keys(value);
  const kinds = ACTION_KINDS.filter((kind) => kind in value);
  const [kind] = kinds;
  if (kinds.length === 1 && kind) return validateBranch(ACTION_SCHEMAS[kind], data, path);
  const found = kinds.length === 0 ? `none${keys.length ? ` (keys: ${keys.join(', ')})` : ''}` : joinWords(kinds);
  return [findValue(path, `expected exactly one of ${choices}; found ${found}.${kinds.length ? '' : suggestFromKeys(keys, ACTION_KINDS)}`)];
}

// A check is a request (from, url) or a resource look (resource); validate it against the one its keys select.
function validateCheck(data: unknown, path: PathSegment[]): Finding[] {
  const value = valueAt(data, path);
  const kinds = 'a request check (from, url, expect) or a resource check (resource, expect)';
  if (!isMapping(value)) return [findValue(path, `expected ${kinds}; found ${describeValue(value)}.`)];
  const request = REQUEST_KEYS.filter((key) => key in value);
  const resource = 'resource' in value;
  if (resource && request.length) return [findValue(path, `expected ${kinds}; found both resource and ${joinWords(request)}.`)];
  if (resource) return validateBranch(ResourceCheck, data, path);
  if (request.length) return validateBranch(RequestCheck, data, path);
  const keys = Object.keys(value);
  // `request: { from, url }` (a shape other tools use): say where the keys belong.
  const wrapper = keys.find((key) => isMapping(value[key]) && REQUEST_KEYS.some((k) => k in (value[key] as object)));
  const hint = wrapper
    ? ` Write from and url on the check itself, not under "${wrapper}".`
    : suggestFromKeys(keys, [...REQUEST_KEYS, 'resource']);
  const found = keys.length ? ` (keys: ${keys.join(', ')})` : '';
  return [findValue(path, `expected ${kinds}; found neither from, url nor resource${found}.${hint}`)];
}

// Check the shape of lab.yaml data; every finding points at the node it is about.
export function validateShape(data: unknown): Finding[] {
  if (data === null || data === undefined) {
    return [findValue([], 'the file is empty; a lab needs at least name, title, summary and steps (see docs/lab-format.md).')];
  }
  const result = Lab.safeParse(data);
  if (result.success) return [];
  const findings: Finding[] = [];
  const elements = new Map<string, PathSegment[]>();
  for (const issue of result.error.issues) {
    const element = elementPathOf(issue.path);
    if (element) elements.set(element.join('.'), element);
    else findings.push(...translateIssue(issue, { schema: Lab, data, prefix: [] }));
  }
  for (const element of elements.values()) {
    findings.push(...(element.includes('checks') ? validateCheck(data, element) : validateAction(data, element)));
  }
  return dropExplainedMissingKeys(findings);
}
