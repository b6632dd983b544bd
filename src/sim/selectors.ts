// Label and field selectors as the API server parses them (apimachinery/pkg/labels/selector.go,
// apimachinery/pkg/fields/selector.go).
import { badRequest } from './errors.ts';
import type { KubeObject } from '../mesh/types.ts';

type Operator = 'exists' | 'notexists' | '=' | '!=' | 'in' | 'notin' | 'gt' | 'lt';

export interface Requirement {
  key: string;
  op: Operator;
  values: string[];
}

// Split on commas that are not inside parentheses.
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

function parseRequirement(text: string, whole: string): Requirement {
  const set = /^(\S+)\s+(in|notin)\s*\((.*)\)$/.exec(text);
  if (set) {
    const values = (set[3] ?? '').split(',').map((v) => v.trim()).filter((v) => v !== '');
    return { key: set[1] ?? '', op: set[2] === 'in' ? 'in' : 'notin', values };
  }
  const cmp = /^([^!=<>\s]+)\s*(==|=|!=|>|<)\s*(.*)$/.exec(text);
  if (cmp) {
    const op = cmp[2] === '!=' ? '!=' : cmp[2] === '>' ? 'gt' : cmp[2] === '<' ? 'lt' : '=';
    return { key: cmp[1] ?? '', op, values: [(cmp[3] ?? '').trim()] };
  }
  const not = /^!\s*(\S+)$/.exec(text);
  if (not) return { key: not[1] ?? '', op: 'notexists', values: [] };
  if (/^\S+$/.test(text)) return { key: text, op: 'exists', values: [] };
  throw badRequest(`unable to parse requirement: found '${text}', expected: ',', or 'end of string' in selector "${whole}"`);
}

// Parse a labelSelector query parameter into requirements (all must hold).
export function parseLabelSelector(text: string | null): Requirement[] {
  if (text === null || text.trim() === '') return [];
  return splitTopLevel(text).map((part) => parseRequirement(part, text));
}

// Whether labels satisfy every requirement.
export function matchesRequirements(labels: Record<string, string> | undefined, reqs: Requirement[]): boolean {
  const l = labels ?? {};
  return reqs.every((r) => {
    const has = Object.hasOwn(l, r.key);
    const v = l[r.key];
    switch (r.op) {
      case 'exists': return has;
      case 'notexists': return !has;
      case '=': return has && v === r.values[0];
      case '!=': return !has || v !== r.values[0];
      case 'in': return has && r.values.includes(v ?? '');
      case 'notin': return !has || !r.values.includes(v ?? '');
      case 'gt': return has && Number(v) > Number(r.values[0]);
      case 'lt': return has && Number(v) < Number(r.values[0]);
    }
  });
}

// Whether labels match a LabelSelector object ({matchLabels, matchExpressions}).
export function matchesLabelSelectorObject(labels: Record<string, string> | undefined, selector: any): boolean {
  if (!selector) return false;
  const reqs: Requirement[] = Object.entries((selector.matchLabels ?? {}) as Record<string, string>).map(([key, v]) => ({ key, op: '=', values: [v] }));
  for (const e of (selector.matchExpressions ?? []) as Array<{ key: string; operator: string; values?: string[] }>) {
    const op: Operator = e.operator === 'In' ? 'in' : e.operator === 'NotIn' ? 'notin' : e.operator === 'Exists' ? 'exists' : 'notexists';
    reqs.push({ key: e.key, op, values: e.values ?? [] });
  }
  return matchesRequirements(labels, reqs);
}

export interface FieldRequirement {
  field: string;
  op: '=' | '!=';
  value: string;
}

const podFields = ['spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'status.phase', 'status.podIP', 'status.nominatedNodeName'];

// Parse a fieldSelector; only the fields the API server supports for the kind are accepted.
export function parseFieldSelector(text: string | null, kind: string): FieldRequirement[] {
  if (text === null || text.trim() === '') return [];
  return splitTopLevel(text).map((part) => {
    const m = /^([^!=\s]+)\s*(==|=|!=)\s*(.*)$/.exec(part);
    if (!m) throw badRequest(`invalid selector: '${text}'; can't understand '${part}'`);
    const field = m[1] ?? '';
    const supported = field === 'metadata.name' || field === 'metadata.namespace' || kind === 'Event'
      || (kind === 'Pod' && podFields.includes(field)) || (kind === 'Secret' && field === 'type');
    if (!supported) throw badRequest(`field label not supported: ${field}`);
    return { field, op: m[2] === '!=' ? '!=' : '=', value: (m[3] ?? '').trim() };
  });
}

function fieldValue(obj: KubeObject, path: string): string {
  let cur: unknown = obj;
  for (const part of path.split('.')) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[part] : undefined;
  if (cur === undefined || cur === null) return '';
  return typeof cur === 'string' ? cur : typeof cur === 'number' || typeof cur === 'boolean' ? String(cur) : JSON.stringify(cur);
}

// Whether an object satisfies every field requirement.
export function matchesFields(obj: KubeObject, reqs: FieldRequirement[]): boolean {
  return reqs.every((r) => (fieldValue(obj, r.field) === r.value) === (r.op === '='));
}
