// Object metadata validation with apimachinery's messages
// (apimachinery/pkg/util/validation/validation.go, pkg/api/validation/objectmeta.go).
import type { FieldError } from './errors.ts';

const dns1123LabelFmt = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const dns1123SubdomainFmt = `${dns1123LabelFmt}(\\.${dns1123LabelFmt})*`;
const dns1035LabelFmt = '[a-z]([-a-z0-9]*[a-z0-9])?';
const qualifiedNameFmt = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const labelValueFmt = `(${qualifiedNameFmt})?`;

const anchored = (fmt: string): RegExp => new RegExp(`^${fmt}$`);
const labelRe = anchored(dns1123LabelFmt);
const subdomainRe = anchored(dns1123SubdomainFmt);
const dns1035Re = anchored(dns1035LabelFmt);
const qualifiedNameRe = anchored(qualifiedNameFmt);
const labelValueRe = anchored(labelValueFmt);

function regexError(msg: string, fmt: string, examples: string[]): string {
  return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${fmt}')`;
}

const maxLen = (n: number): string => `must be no more than ${n} characters`;

// The messages for a DNS-1123 label (namespace names).
export function checkDnsLabel(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLen(63));
  if (!labelRe.test(value)) {
    errs.push(subdomainRe.test(value) ? 'must not contain dots'
      : regexError("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character", dns1123LabelFmt, ['my-name', '123-abc']));
  }
  return errs;
}

// The messages for a DNS-1123 subdomain (most object names).
export function checkDnsSubdomain(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 253) errs.push(maxLen(253));
  if (!subdomainRe.test(value)) {
    errs.push(regexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character", dns1123SubdomainFmt, ['example.com']));
  }
  return errs;
}

// The messages for a DNS-1035 label (Service names).
export function checkDns1035Label(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLen(63));
  if (!dns1035Re.test(value)) {
    errs.push(regexError("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character", dns1035LabelFmt, ['my-name', 'abc-123']));
  }
  return errs;
}

// The messages for a label or annotation key ("prefix/name").
export function checkQualifiedName(value: string): string[] {
  const parts = value.split('/');
  let name = value;
  const errs: string[] = [];
  if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    name = parts[1] ?? '';
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else errs.push(...checkDnsSubdomain(prefix).map((m) => `prefix part ${m}`));
  } else if (parts.length > 2) {
    return [regexError("a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", qualifiedNameFmt, ['MyName', 'my.name', '123-abc']) + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push(`name part ${maxLen(63)}`);
  if (name.length > 0 && !qualifiedNameRe.test(name)) {
    errs.push(`name part ${regexError("must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", qualifiedNameFmt, ['MyName', 'my.name', '123-abc'])}`);
  }
  return errs;
}

// The messages for a label value.
export function checkLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLen(63));
  if (!labelValueRe.test(value)) {
    errs.push(regexError("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", labelValueFmt, ['MyValue', 'my_value', '12345']));
  }
  return errs;
}

export type NameRule = 'label' | 'subdomain' | 'dns1035' | 'path';

// Which name rule the API applies to a kind (pkg/apis/core/validation: Service is DNS-1035, Namespace a label).
export function nameRuleOf(kind: string, group: string): NameRule {
  if (group === '' && kind === 'Service') return 'dns1035';
  if (group === '' && kind === 'Namespace') return 'label';
  return 'subdomain';
}

// Field errors of an object's metadata: name, labels and annotation keys.
export function checkObjectMeta(meta: Record<string, unknown>, rule: NameRule): FieldError[] {
  const errors: FieldError[] = [];
  const name = typeof meta.name === 'string' ? meta.name : '';
  if (name === '') {
    errors.push({ field: 'metadata.name', type: 'FieldValueRequired', detail: 'name or generateName is required' });
  } else {
    const check = rule === 'label' ? checkDnsLabel : rule === 'dns1035' ? checkDns1035Label : checkDnsSubdomain;
    for (const msg of check(name)) errors.push({ field: 'metadata.name', type: 'FieldValueInvalid', value: name, detail: msg });
  }
  errors.push(...checkLabels(meta.labels));
  const annotations = meta.annotations;
  if (annotations && typeof annotations === 'object') {
    for (const key of Object.keys(annotations)) {
      for (const msg of checkQualifiedName(key.toLowerCase())) {
        errors.push({ field: 'metadata.annotations', type: 'FieldValueInvalid', value: key, detail: msg });
      }
    }
  }
  return errors;
}

// Field errors of a label map (keys and values), all on the field metadata.labels as the API reports them.
export function checkLabels(labels: unknown, field = 'metadata.labels'): FieldError[] {
  const errors: FieldError[] = [];
  if (!labels || typeof labels !== 'object') return errors;
  for (const [key, value] of Object.entries(labels as Record<string, unknown>)) {
    for (const msg of checkQualifiedName(key)) errors.push({ field, type: 'FieldValueInvalid', value: key, detail: msg });
    const text = typeof value === 'string' ? value : String(value);
    for (const msg of checkLabelValue(text)) errors.push({ field, type: 'FieldValueInvalid', value: text, detail: msg });
  }
  return errors;
}
