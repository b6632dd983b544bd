import { describe, expect, it } from 'vitest';
import { ap, pa, ra } from '../testing/world.ts';
import type { KubeObject } from '../types.ts';
import { formatWebhookDenial, validateObject } from './index.ts';

interface VRow {
  name: string;
  obj: KubeObject;
  errors?: string[]; // each expected error appears (substring) among the errors
  warnings?: string[];
  layer?: 'schema' | 'webhook';
  clean?: boolean;
}

const rows: VRow[] = [
  { name: '[crd strict decoding] principal (singular) is an unknown field', obj: ap('ns', 'x', { rules: [{ from: [{ source: { principal: ['a'] } }] }] }), errors: ['strict decoding error: unknown field "spec.rules[0].from[0].source.principal"'] },
  { name: '[crd enum] action allow (lower case) is an unsupported value', obj: ap('ns', 'x', { action: 'allow', rules: [{}] }), errors: ['spec.action: Unsupported value: "allow": supported values: "ALLOW", "DENY", "AUDIT", "CUSTOM"'], layer: 'schema' },
  { name: '[crd CEL] selector and targetRefs together are rejected', obj: ap('ns', 'x', { selector: { matchLabels: { a: 'b' } }, targetRefs: [{ kind: 'Service', group: '', name: 's' }] }), errors: ['only one of targetRefs or selector can be set'], layer: 'schema' },
  { name: '[crd CEL] serviceAccounts with principals are rejected', obj: ap('ns', 'x', { rules: [{ from: [{ source: { serviceAccounts: ['a'], principals: ['b'] } }] }] }), errors: ['Cannot set serviceAccounts with namespaces or principals'], layer: 'schema' },
  { name: '[crd CEL] a targetRef namespace is rejected', obj: ap('ns', 'x', { targetRefs: [{ kind: 'Service', group: '', name: 's', namespace: 'other' }] }), errors: ['cross namespace referencing is not currently supported'], layer: 'schema' },
  { name: '[crd type] ports given as numbers must be strings', obj: ap('ns', 'x', { rules: [{ to: [{ operation: { ports: [8080] } }] }] }), errors: ['spec.rules[0].to[0].operation.ports[0]: Invalid value: "integer"'], layer: 'schema' },
  { name: '[validation.go] DENY without rules is meaningless', obj: ap('ns', 'x', { action: 'DENY' }), errors: ['invalid policy x.ns: DENY action without `rules` is meaningless as it will never be triggered, add an empty rule `{}` if you want it be triggered for every request'], layer: 'webhook' },
  { name: '[validation.go] CUSTOM without provider.name', obj: ap('ns', 'x', { action: 'CUSTOM', rules: [{}] }), errors: ['`provider.name` must not be empty'], layer: 'webhook' },
  { name: '[validation.go] provider with ALLOW', obj: ap('ns', 'x', { action: 'ALLOW', provider: { name: 'p' }, rules: [{}] }), errors: ['`provider` must not be with non CUSTOM action, found ALLOW'], layer: 'webhook' },
  { name: '[validation.go] an empty source is rejected', obj: ap('ns', 'x', { rules: [{ from: [{ source: {} }] }] }), errors: ['`from.source` must not be empty, found at rule 0'], layer: 'webhook' },
  { name: '[validation.go] an empty from list is rejected', obj: ap('ns', 'x', { rules: [{ from: [] }] }), errors: ['`from` must not be empty, found at rule 0'], layer: 'webhook' },
  { name: '[validation.go] an empty operation is rejected', obj: ap('ns', 'x', { rules: [{ to: [{ operation: {} }] }] }), errors: ['`to.operation` must not be empty, found at rule 0'], layer: 'webhook' },
  { name: '[security.go ValidateAttribute] an unknown when key is rejected for value and notValue', obj: ap('ns', 'x', { rules: [{ when: [{ key: 'custom.time_of_day', values: ['9-17'], notValues: ['0'] }] }] }), errors: ['invalid `value` for `key` custom.time_of_day: unknown attribute: custom.time_of_day', 'invalid `notValue` for `key` custom.time_of_day: unknown attribute: custom.time_of_day'], layer: 'webhook' },
  { name: '[security.go] destination.namespace is replaced by the metadata.namespace', obj: ap('ns', 'x', { rules: [{ when: [{ key: 'destination.namespace', values: ['a'] }] }] }), errors: ['attribute destination.namespace is replaced by the metadata.namespace'] },
  { name: '[validation.go] a when without values or notValues', obj: ap('ns', 'x', { rules: [{ when: [{ key: 'source.ip' }] }] }), errors: ['at least one of `values` or `notValues` must be set for key source.ip'] },
  { name: '[security.go ValidatePorts] a wildcard port is a bad port', obj: ap('ns', 'x', { rules: [{ to: [{ operation: { ports: ['*'] } }] }] }), errors: ['bad port (*)'] },
  { name: '[security.go ValidateIPs] a bad IP address', obj: ap('ns', 'x', { rules: [{ from: [{ source: { ipBlocks: ['10.0.0.300'] } }] }] }), errors: ['bad IP address (10.0.0.300)'] },
  { name: '[security.go CheckEmptyValues] an empty principal', obj: ap('ns', 'x', { rules: [{ from: [{ source: { principals: [''] } }] }] }), errors: ['empty value not allowed, found in Principals'] },
  { name: '[security.go CheckServiceAccount] a wildcard service account', obj: ap('ns', 'x', { rules: [{ from: [{ source: { serviceAccounts: ['ns/*'] } }] }] }), errors: ['wildcard not allowed, found in ServiceAccounts'] },
  { name: '[security.go CheckValidPathTemplate] {**} must be last', obj: ap('ns', 'x', { rules: [{ to: [{ operation: { paths: ['/a/{**}/b/{*}'] } }] }] }), errors: ['{**} is not the last operator'] },
  { name: '[validation.go validatePolicyTargetReference] a Gateway targetRef without its group is rejected', obj: ap('ns', 'x', { targetRefs: [{ kind: 'Gateway', name: 'waypoint' }] }), errors: ['targetRef must be to one of [/v1, Kind=Service networking.istio.io/v1, Kind=ServiceEntry gateway.networking.k8s.io/v1, Kind=Gateway gateway.networking.k8s.io/v1, Kind=GatewayClass] but was /Gateway'] },
  { name: '[validation.go] DENY with only HTTP attributes warns about TCP ports', obj: ap('ns', 'x', { action: 'DENY', rules: [{ to: [{ operation: { methods: ['GET'] } }] }] }), warnings: ['configured AuthorizationPolicy will deny all traffic to TCP ports under its scope due to the use of only HTTP attributes in a DENY rule; it is recommended to explicitly specify the port'], clean: true },
  { name: '[validation.go validateWorkloadSelector] a selector without labels warns', obj: ap('ns', 'x', { selector: {}, action: 'ALLOW', rules: [{}] }), warnings: ['workload selector specified without labels'], clean: true },
  { name: '[notes §6] accepted but meaningless: spiffe:// principals, literal * paths, lower-case methods', obj: ap('ns', 'x', { rules: [{ from: [{ source: { principals: ['spiffe://cluster.local/ns/a/sa/b'] } }], to: [{ operation: { paths: ['/api/*/users'], methods: ['get'] } }] }] }), clean: true },
  { name: '[notes §6] notValues >100000 on a header is a literal string and accepted', obj: ap('ns', 'x', { rules: [{ when: [{ key: 'request.headers[amount]', notValues: ['>100000'] }] }] }), clean: true },
  { name: '[crd v1alpha1] security.istio.io/v1alpha1 is not served', obj: ap('ns', 'x', {}, { apiVersion: 'security.istio.io/v1alpha1' }), errors: ['no matches for kind "AuthorizationPolicy" in version "security.istio.io/v1alpha1"'] },
  { name: '[crd v1beta1] v1beta1 is served with the same schema', obj: ap('ns', 'x', { action: 'ALLOW', rules: [{}] }, { apiVersion: 'security.istio.io/v1beta1' }), clean: true },
  { name: '[crd enum] PeerAuthentication mode is case-sensitive', obj: pa('ns', 'x', { mtls: { mode: 'strict' } }), errors: ['spec.mtls.mode: Unsupported value: "strict": supported values: "UNSET", "DISABLE", "PERMISSIVE", "STRICT"'], layer: 'schema' },
  { name: '[crd CEL] PeerAuthentication portLevelMtls requires a selector', obj: pa('ns', 'x', { mtls: { mode: 'STRICT' }, portLevelMtls: { '8080': { mode: 'DISABLE' } } }), errors: ['portLevelMtls requires selector'], layer: 'schema' },
  { name: '[crd CEL] RequestAuthentication jwks and jwksUri together', obj: ra('ns', 'x', { jwtRules: [{ issuer: 'i', jwks: '{}', jwksUri: 'https://x/jwks' }] }), errors: ['only one of jwks or jwksUri can be set'], layer: 'schema' },
  { name: '[crd CEL] RequestAuthentication jwksUri scheme', obj: ra('ns', 'x', { jwtRules: [{ issuer: 'i', jwksUri: 'ftp://x/jwks' }] }), errors: ['url must have scheme http:// or https://'], layer: 'schema' },
  { name: '[validation.go validateJwtRule] issuer or jwksUri required', obj: ra('ns', 'x', { jwtRules: [{ audiences: ['a'] }] }), errors: ['issuer or jwksUri must be non-empty string'], layer: 'webhook' },
  { name: '[crd strict decoding] RequestAuthentication unknown jwtRules field', obj: ra('ns', 'x', { jwtRules: [{ issuer: 'i', jwks_url: 'x' }] }), errors: ['unknown field "spec.jwtRules[0].jwks_url"'], layer: 'schema' },
];

describe('validateObject', () => {
  it.each(rows)('$name', ({ obj, errors, warnings, layer, clean }) => {
    const result = validateObject(obj);
    for (const e of errors ?? []) expect(result.errors.some((x) => x.includes(e)), `${e}\n in ${JSON.stringify(result.errors)}`).toBe(true);
    for (const w of warnings ?? []) expect(result.warnings).toContain(w);
    if (layer) expect(result.layer).toBe(layer);
    if (clean) expect(result.errors).toEqual([]);
  });

  it('validates the pruned object after unknown fields, as the API server does under --validate=warn', () => {
    const result = validateObject(ap('ns', 'x', { rules: [{ from: [{ source: { principal: ['a'] } }] }] }));
    expect(result.errors).toEqual([
      'strict decoding error: unknown field "spec.rules[0].from[0].source.principal"',
      'invalid policy x.ns: `from.source` must not be empty, found at rule 0',
    ]);
    expect(result.layer).toBe('webhook');
  });

  it('returns no errors for kinds it does not validate', () => {
    expect(validateObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { weird: 1 } })).toEqual({ errors: [], warnings: [] });
  });

  it('frames several webhook errors the way hashicorp multierror lists them', () => {
    expect(formatWebhookDenial(['invalid policy x.ns: a', 'invalid policy x.ns: b'])).toBe(
      'admission webhook "validation.istio.io" denied the request: configuration is invalid: 2 errors occurred:\n\t* invalid policy x.ns: a\n\t* invalid policy x.ns: b\n\n',
    );
  });
});
