// Field-error values as the API server prints them: apimachinery pkg/util/validation/field/errors.go
// (ErrorBody) prints strings quoted, numbers and booleans plainly, and anything else with Go's %#v,
// so a map, slice or struct reads as Go source (`map[string]string{"app":"web"}`).

// The Go type of a non-scalar value the embedded cluster reports in a field error.
export type GoType = 'map[string]string' | '[]string' | 'v1.LabelSelector';

// A value and the Go type it had in the API server, for %#v.
export interface GoValue {
  goType: GoType;
  value: unknown;
}

const quote = (s: unknown): string => JSON.stringify(String(s));

function stringMap(value: unknown): string {
  if (value === null || value === undefined) return 'map[string]string(nil)';
  // %#v prints map keys sorted (fmt's internal/fmtsort).
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `map[string]string{${entries.map(([k, v]) => `${quote(k)}:${quote(v)}`).join(', ')}}`;
}

function stringSlice(value: unknown): string {
  if (!Array.isArray(value)) return '[]string(nil)';
  return `[]string{${value.map(quote).join(', ')}}`;
}

// The API server holds a *metav1.LabelSelector; ErrorBody prints a nil pointer as null.
function labelSelector(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  const selector = (value ?? {}) as { matchLabels?: unknown; matchExpressions?: unknown };
  const expressions = Array.isArray(selector.matchExpressions)
    ? `[]v1.LabelSelectorRequirement{${selector.matchExpressions.map((e) => `v1.LabelSelectorRequirement{Key:${quote(e?.key ?? '')}, Operator:${quote(e?.operator ?? '')}, Values:${stringSlice(e?.values)}}`).join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return `v1.LabelSelector{MatchLabels:${stringMap(selector.matchLabels)}, MatchExpressions:${expressions}}`;
}

// Go's %#v of a value of the given type.
export function goSyntax(v: GoValue): string {
  switch (v.goType) {
    case 'map[string]string': return stringMap(v.value);
    case '[]string': return stringSlice(v.value);
    case 'v1.LabelSelector': return labelSelector(v.value);
  }
}

// Whether a field error's value carries its Go type.
export function isGoValue(value: unknown): value is GoValue {
  return typeof value === 'object' && value !== null && 'goType' in value && 'value' in value;
}
