// Small readers over raw Kubernetes objects, so the rest of mesh/ never pokes at `any` shapes.
import type { KubeObject } from './types.ts';

// The object's labels (never undefined).
export function labelsOf(obj: KubeObject | undefined): Record<string, string> {
  return obj?.metadata.labels ?? {};
}

// The object's annotations (never undefined).
export function annotationsOf(obj: KubeObject | undefined): Record<string, string> {
  return obj?.metadata.annotations ?? {};
}

// "namespace/name" of a namespaced object.
export function keyOf(obj: KubeObject): string {
  return `${obj.metadata.namespace ?? ''}/${obj.metadata.name}`;
}

// The API group of an apiVersion ("security.istio.io/v1" → "security.istio.io", "v1" → "").
export function groupOf(obj: KubeObject): string {
  const slash = obj.apiVersion.indexOf('/');
  return slash < 0 ? '' : obj.apiVersion.slice(0, slash);
}

// Whether every label of a matchLabels map is present with the same value (an empty map matches all).
export function matchesLabels(
  selector: Record<string, string> | undefined,
  labels: Record<string, string>,
): boolean {
  if (!selector) return true;
  for (const key in selector) {
    if (labels[key] !== selector[key]) return false;
  }
  return true;
}

// A Kubernetes LabelSelector (matchLabels + matchExpressions) against labels.
export function matchesLabelSelector(selector: any, labels: Record<string, string>): boolean {
  if (!selector) return true;
  if (!matchesLabels(selector.matchLabels, labels)) return false;
  for (const expr of (selector.matchExpressions ?? []) as Array<{
    key: string;
    operator: string;
    values?: string[];
  }>) {
    const has = Object.prototype.hasOwnProperty.call(labels, expr.key);
    const value = labels[expr.key];
    const values = expr.values ?? [];
    if (expr.operator === 'In' && !(has && values.includes(value!))) return false;
    if (expr.operator === 'NotIn' && has && values.includes(value!)) return false;
    if (expr.operator === 'Exists' && !has) return false;
    if (expr.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

// Milliseconds of metadata.creationTimestamp, or 0 when unset (oldest-wins ordering).
export function createdAt(obj: KubeObject): number {
  const ts = obj.metadata.creationTimestamp;
  return ts ? Date.parse(ts) || 0 : 0;
}
