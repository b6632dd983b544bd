// The structural schema of the security.istio.io CRDs (v1 and v1beta1 are identical), checked the way the API
// server does with kubectl's default strict field validation: unknown fields, types, enums and maxItems.
// Istio: manifests/charts/base/files/crd-all.gen.yaml.

export type Shape =
  | 'string'
  | 'integer'
  | 'boolean'
  | 'any'
  | { map: Shape }
  | { list: Shape; maxItems?: number }
  | { fields: Record<string, Shape>; enums?: Record<string, string[]> };

const strings: Shape = { list: 'string' };
const selector: Shape = { fields: { matchLabels: { map: 'string' } } };
const targetRef: Shape = { fields: { group: 'string', kind: 'string', name: 'string', namespace: 'string' } };

const source: Shape = {
  fields: Object.fromEntries(
    [
      'principals',
      'notPrincipals',
      'requestPrincipals',
      'notRequestPrincipals',
      'namespaces',
      'notNamespaces',
      'ipBlocks',
      'notIpBlocks',
      'remoteIpBlocks',
      'notRemoteIpBlocks',
    ]
      .map((k) => [k, strings] as const)
      .concat([
        ['serviceAccounts', { list: 'string', maxItems: 16 }],
        ['notServiceAccounts', { list: 'string', maxItems: 16 }],
      ]),
  ),
};
const operation: Shape = {
  fields: Object.fromEntries(
    ['hosts', 'notHosts', 'ports', 'notPorts', 'methods', 'notMethods', 'paths', 'notPaths'].map((k) => [
      k,
      strings,
    ]),
  ),
};

export const AUTHORIZATION_POLICY_SPEC: Shape = {
  fields: {
    selector,
    targetRef,
    targetRefs: { list: targetRef, maxItems: 16 },
    rules: {
      list: {
        fields: {
          from: { list: { fields: { source } }, maxItems: 512 },
          to: { list: { fields: { operation } }, maxItems: 512 },
          when: { list: { fields: { key: 'string', values: strings, notValues: strings } }, maxItems: 512 },
        },
      },
      maxItems: 512,
    },
    action: 'string',
    provider: { fields: { name: 'string' } },
  },
  enums: { action: ['ALLOW', 'DENY', 'AUDIT', 'CUSTOM'] },
};

const mtls: Shape = {
  fields: { mode: 'string' },
  enums: { mode: ['UNSET', 'DISABLE', 'PERMISSIVE', 'STRICT'] },
};

export const PEER_AUTHENTICATION_SPEC: Shape = {
  fields: { selector, mtls, portLevelMtls: { map: mtls } },
};

export const REQUEST_AUTHENTICATION_SPEC: Shape = {
  fields: {
    selector,
    targetRef,
    targetRefs: { list: targetRef, maxItems: 16 },
    jwtRules: {
      list: {
        fields: {
          issuer: 'string',
          audiences: strings,
          jwksUri: 'string',
          jwks_uri: 'string',
          jwks: 'string',
          fromHeaders: { list: { fields: { name: 'string', prefix: 'string' } } },
          fromParams: strings,
          fromCookies: strings,
          outputPayloadToHeader: 'string',
          forwardOriginalToken: 'boolean',
          outputClaimToHeaders: { list: { fields: { header: 'string', claim: 'string' } } },
          timeout: 'string',
        },
      },
      maxItems: 4096,
    },
  },
};

function typeName(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

// A copy of the value without the fields the shape does not know (what the API server stores after pruning).
export function pruneUnknown(value: unknown, shape: Shape): unknown {
  if (value === null || typeof value !== 'object' || typeof shape === 'string') return value;
  if ('list' in shape) return Array.isArray(value) ? value.map((v) => pruneUnknown(v, shape.list)) : value;
  if (Array.isArray(value)) return value;
  const obj = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if ('map' in shape) out[k] = pruneUnknown(v, shape.map);
    else if (shape.fields[k]) out[k] = pruneUnknown(v, shape.fields[k]);
  }
  return out;
}

// Walk a value against a shape, collecting unknown fields and schema errors (paths like spec.rules[0].from[0]).
export function checkShape(
  value: unknown,
  shape: Shape,
  path: string,
  out: { unknown: string[]; errors: string[] },
): void {
  if (value === undefined || value === null) return;
  if (shape === 'any') return;
  if (shape === 'string' || shape === 'integer' || shape === 'boolean') {
    const actual = typeName(value);
    if (actual !== shape)
      out.errors.push(
        `${path}: Invalid value: "${actual}": ${path} in body must be of type ${shape}: "${actual}"`,
      );
    return;
  }
  if ('list' in shape) {
    if (!Array.isArray(value))
      return void out.errors.push(
        `${path}: Invalid value: "${typeName(value)}": ${path} in body must be of type array: "${typeName(value)}"`,
      );
    if (shape.maxItems !== undefined && value.length > shape.maxItems)
      out.errors.push(`${path}: Too many: ${value.length}: must have at most ${shape.maxItems} items`);
    value.forEach((item, i) => checkShape(item, shape.list, `${path}[${i}]`, out));
    return;
  }
  if (typeName(value) !== 'object')
    return void out.errors.push(
      `${path}: Invalid value: "${typeName(value)}": ${path} in body must be of type object: "${typeName(value)}"`,
    );
  const obj = value as Record<string, unknown>;
  if ('map' in shape) {
    for (const [k, v] of Object.entries(obj)) checkShape(v, shape.map, `${path}.${k}`, out);
    return;
  }
  for (const [k, v] of Object.entries(obj)) {
    const child = shape.fields[k];
    if (!child) out.unknown.push(`${path}.${k}`);
    else checkShape(v, child, `${path}.${k}`, out);
  }
  for (const [k, allowed] of Object.entries(shape.enums ?? {})) {
    const v = obj[k];
    if (typeof v === 'string' && !allowed.includes(v)) {
      out.errors.push(
        `${path}.${k}: Unsupported value: "${v}": supported values: ${allowed.map((a) => `"${a}"`).join(', ')}`,
      );
    }
  }
}
