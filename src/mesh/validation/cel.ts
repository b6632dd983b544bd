// The x-kubernetes-validations (CEL) rules of the security.istio.io CRDs, with their messages.
// Istio: manifests/charts/base/files/crd-all.gen.yaml.
import type { KubeObject } from '../types.ts';

function has(v: unknown): boolean {
  return v !== undefined && v !== null;
}

function selectorRules(sel: any, path: string, out: string[]): void {
  const labels = sel?.matchLabels;
  if (!labels || typeof labels !== 'object') return;
  for (const [k, v] of Object.entries(labels as Record<string, unknown>)) {
    if (typeof v === 'string' && v.includes('*'))
      out.push(
        `${path}.matchLabels[${k}]: Invalid value: "string": wildcard not allowed in label value match`,
      );
  }
  const keys = Object.keys(labels as object);
  if (keys.some((k) => k.includes('*')))
    out.push(`${path}.matchLabels: Invalid value: "object": wildcard not allowed in label key match`);
  if (keys.some((k) => k.length === 0))
    out.push(`${path}.matchLabels: Invalid value: "object": key must not be empty`);
}

function targetRefRules(spec: any, out: string[]): void {
  const refs: Array<[any, string]> = [];
  if (spec.targetRef) refs.push([spec.targetRef, 'spec.targetRef']);
  ((spec.targetRefs ?? []) as any[]).forEach((r, i) => refs.push([r, `spec.targetRefs[${i}]`]));
  for (const [ref, path] of refs) {
    if (typeof ref?.namespace === 'string' && ref.namespace.length > 0)
      out.push(
        `${path}.namespace: Invalid value: "string": cross namespace referencing is not currently supported`,
      );
    if (!has(ref?.kind)) out.push(`${path}.kind: Required value`);
    if (!has(ref?.name)) out.push(`${path}.name: Required value`);
  }
}

// CEL errors for AuthorizationPolicy, PeerAuthentication and RequestAuthentication.
export function celErrors(obj: KubeObject): string[] {
  const spec = obj.spec ?? {};
  const out: string[] = [];
  selectorRules(spec.selector, 'spec.selector', out);
  if (obj.kind === 'AuthorizationPolicy' || obj.kind === 'RequestAuthentication') {
    const set = (has(spec.selector) ? 1 : 0) + (has(spec.targetRef) ? 1 : 0) + (has(spec.targetRefs) ? 1 : 0);
    if (set > 1) out.push('spec: Invalid value: "object": only one of targetRefs or selector can be set');
    targetRefRules(spec, out);
  }
  if (obj.kind === 'AuthorizationPolicy') {
    ((spec.rules ?? []) as any[]).forEach((rule, i) =>
      ((rule?.from ?? []) as any[]).forEach((from, j) => {
        const s = from?.source;
        if (
          s &&
          (has(s.serviceAccounts) || has(s.notServiceAccounts)) &&
          (has(s.principals) || has(s.notPrincipals) || has(s.namespaces) || has(s.notNamespaces))
        ) {
          out.push(
            `spec.rules[${i}].from[${j}].source: Invalid value: "object": Cannot set serviceAccounts with namespaces or principals`,
          );
        }
      }),
    );
    ((spec.rules ?? []) as any[]).forEach((rule, i) =>
      ((rule?.when ?? []) as any[]).forEach((w, j) => {
        if (!has(w?.key)) out.push(`spec.rules[${i}].when[${j}].key: Required value`);
      }),
    );
  }
  if (obj.kind === 'PeerAuthentication') {
    const ports = spec.portLevelMtls;
    if (has(ports)) {
      const hasLabels = Object.keys(spec.selector?.matchLabels ?? {}).length > 0;
      if (!hasLabels) out.push('spec: Invalid value: "object": portLevelMtls requires selector');
      for (const key of Object.keys(ports as object)) {
        const n = Number(key);
        if (!Number.isInteger(n) || n <= 0 || n > 65535)
          out.push('spec.portLevelMtls: Invalid value: "object": port must be between 1-65535');
      }
    }
  }
  if (obj.kind === 'RequestAuthentication') {
    ((spec.jwtRules ?? []) as any[]).forEach((rule, i) => {
      if ((has(rule?.jwksUri) ? 1 : 0) + (has(rule?.jwks_uri) ? 1 : 0) + (has(rule?.jwks) ? 1 : 0) > 1) {
        out.push(`spec.jwtRules[${i}]: Invalid value: "object": only one of jwks or jwksUri can be set`);
      }
      for (const key of ['jwksUri', 'jwks_uri']) {
        const uri = rule?.[key];
        if (typeof uri === 'string' && !/^https?:\/\//.test(uri))
          out.push(
            `spec.jwtRules[${i}].${key}: Invalid value: "string": url must have scheme http:// or https://`,
          );
      }
    });
  }
  return [...new Set(out)];
}
