// zod issues → findings in the words of STYLE.md §6: what was expected, what was found, a did-you-mean.
import type { z } from 'zod';
import { formatSuggestion, suggestChoice } from './did-you-mean.ts';
import type { PathSegment } from './errors.ts';
import { describeValue, findKey, findValue, valueAt, type Finding } from './finding.ts';

type Issue = z.core.$ZodIssue;

// What a translation needs: the schema the issue paths start from, the data, and where that schema sits in lab.yaml.
export interface IssueScope {
  schema: z.ZodType;
  data: unknown; // the whole lab.yaml data
  prefix: readonly PathSegment[];
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping',
  record: 'a mapping',
  array: 'a list',
  null: 'null',
};

function defOf(schema: unknown): any {
  return (schema as { _zod?: { def?: unknown } } | undefined)?._zod?.def;
}

function unwrap(schema: unknown): unknown {
  let current = schema;
  for (let def = defOf(current); def && ['optional', 'nullable', 'default', 'readonly'].includes(def.type); def = defOf(current)) {
    current = def.innerType;
  }
  return current;
}

// The schema of the node at a path below a schema, or undefined where a union makes it ambiguous.
export function findSchemaAt(schema: unknown, path: readonly PathSegment[]): unknown {
  let current = unwrap(schema);
  for (const segment of path) {
    const def = defOf(current);
    if (def?.type === 'object') current = def.shape[segment];
    else if (def?.type === 'array') current = def.element;
    else if (def?.type === 'record') current = def.valueType;
    else return undefined;
    current = unwrap(current);
  }
  return current;
}

// The keys a mapping at a path may have.
export function listKeysAt(schema: unknown, path: readonly PathSegment[]): string[] {
  const def = defOf(findSchemaAt(schema, path));
  return def?.type === 'object' ? Object.keys(def.shape) : [];
}

function translateUnknownKeys(issue: Extract<Issue, { code: 'unrecognized_keys' }>, scope: IssueScope, path: PathSegment[]): Finding[] {
  const allowed = listKeysAt(scope.schema, issue.path as PathSegment[]);
  return issue.keys.map((key) => {
    const suggested = suggestChoice(key, allowed);
    const rest = suggested ? `. Did you mean "${suggested}"?` : allowed.length ? `; expected one of ${allowed.join(', ')}.` : '.';
    return { ...findKey(path, key, `unknown key "${key}"${rest}`), suggested };
  });
}

function translateType(issue: Extract<Issue, { code: 'invalid_type' }>, value: unknown, path: PathSegment[]): Finding {
  const expected = TYPE_WORDS[issue.expected] ?? issue.expected;
  if (value === undefined && path.length > 0) {
    const missing = String(path[path.length - 1]);
    return { ...findValue(path.slice(0, -1), `missing required key "${missing}" (${expected}).`), missing };
  }
  const quote = issue.expected === 'string' && (typeof value === 'boolean' || typeof value === 'number');
  return findValue(path, `expected ${expected}; found ${describeValue(value)}.${quote ? ` Quote it: "${String(value)}".` : ''}`);
}

function translateSize(issue: Extract<Issue, { code: 'too_small' | 'too_big' }>, value: unknown, path: PathSegment[]): Finding {
  const small = issue.code === 'too_small';
  const limit = Number(small ? (issue as { minimum: unknown }).minimum : (issue as { maximum: unknown }).maximum);
  if (issue.origin === 'array') {
    const count = Array.isArray(value) ? value.length : 0;
    const items = `${limit} item${limit === 1 ? '' : 's'}`;
    return findValue(path, `expected ${small ? 'at least' : 'at most'} ${items}; found ${count === 0 ? 'none' : count}.`);
  }
  if (issue.origin === 'string' && small && limit === 1) return findValue(path, 'expected a non-empty string.');
  return findValue(path, `expected a ${issue.origin} ${small ? '≥' : '≤'} ${limit}; found ${describeValue(value)}.`);
}

function translateUnion(issue: Extract<Issue, { code: 'invalid_union' }>, scope: IssueScope, path: PathSegment[]): Finding[] {
  const wrongType = (branch: Issue[]) => branch.length === 1 && branch[0]!.code === 'invalid_type' && branch[0].path.length === 0;
  const fitting = issue.errors.map((branch, index) => ({ branch, index })).filter(({ branch }) => !wrongType(branch));
  const options = defOf(findSchemaAt(scope.schema, issue.path as PathSegment[]))?.options as unknown[] | undefined;
  const fit = fitting[0];
  if (fitting.length === 1 && fit && options?.[fit.index]) {
    const inner: IssueScope = { schema: options[fit.index] as z.ZodType, data: scope.data, prefix: path };
    return fit.branch.flatMap((i) => translateIssue(i, inner));
  }
  const expected = issue.errors.flatMap((b) => (wrongType(b) ? [TYPE_WORDS[(b[0] as { expected: string }).expected] ?? 'something else'] : []));
  return [findValue(path, `expected ${[...new Set(expected)].join(' or ') || 'another value'}; found ${describeValue(valueAt(scope.data, path))}.`)];
}

// Turn one zod issue into findings with readable messages.
export function translateIssue(issue: Issue, scope: IssueScope): Finding[] {
  const path = [...scope.prefix, ...(issue.path as PathSegment[])];
  const value = valueAt(scope.data, path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return translateUnknownKeys(issue, scope, path);
    case 'invalid_type':
      return [translateType(issue, value, path)];
    case 'invalid_value': {
      const choices = issue.values.map(String);
      const found = describeValue(value);
      const unquoted = typeof value !== 'string' && choices.find((c) => c.toLowerCase() === String(value).toLowerCase());
      const hint = unquoted ? ` Write "${unquoted}" in quotes: unquoted, YAML reads it as a ${typeof value}.` : formatSuggestion(String(value), choices);
      return [findValue(path, `expected one of ${choices.join(', ')}; found ${found}.${hint}`)];
    }
    case 'invalid_format': {
      const custom = !issue.message.startsWith('Invalid');
      const expected = custom ? issue.message : `a string matching ${(issue as { pattern?: string }).pattern ?? issue.format}`;
      return [findValue(path, `expected ${expected}; found ${describeValue(value)}.`)];
    }
    case 'too_small':
    case 'too_big':
      return [translateSize(issue, value, path)];
    case 'invalid_union':
      return translateUnion(issue, scope, path);
    default:
      return [findValue(path, `${issue.message}.`)];
  }
}
