// validateObject: what the API server (structural schema, CEL) and Istio's validating webhook say about an object.
import { groupOf } from '../objects.ts';
import type { KubeObject, MeshSettings, ValidationResult } from '../types.ts';
import { celErrors } from './cel.ts';
import {
  AUTHORIZATION_POLICY_SPEC,
  checkShape,
  PEER_AUTHENTICATION_SPEC,
  pruneUnknown,
  REQUEST_AUTHENTICATION_SPEC,
  type Shape,
} from './schema.ts';
import {
  validateAuthorizationPolicyWebhook,
  validatePeerAuthenticationWebhook,
  validateRequestAuthenticationWebhook,
  type WebhookResult,
} from './webhook-security.ts';

const SPECS: Record<string, { shape: Shape; webhook: (obj: KubeObject) => WebhookResult }> = {
  AuthorizationPolicy: { shape: AUTHORIZATION_POLICY_SPEC, webhook: validateAuthorizationPolicyWebhook },
  PeerAuthentication: { shape: PEER_AUTHENTICATION_SPEC, webhook: validatePeerAuthenticationWebhook },
  RequestAuthentication: {
    shape: REQUEST_AUTHENTICATION_SPEC,
    webhook: validateRequestAuthenticationWebhook,
  },
};

const SERVED_VERSIONS = ['security.istio.io/v1', 'security.istio.io/v1beta1'];
const TOP_LEVEL = new Set(['apiVersion', 'kind', 'metadata', 'spec', 'status']);

// Validate one object; kinds other than the security.istio.io policies pass with no errors.
export function validateObject(obj: KubeObject, _settings?: Partial<MeshSettings>): ValidationResult {
  const entry = SPECS[obj.kind];
  if (!entry || groupOf(obj) !== 'security.istio.io') return { errors: [], warnings: [] };
  if (!SERVED_VERSIONS.includes(obj.apiVersion)) {
    return {
      errors: [`no matches for kind "${obj.kind}" in version "${obj.apiVersion}"`],
      warnings: [],
      layer: 'schema',
    };
  }
  const found = { unknown: [] as string[], errors: [] as string[] };
  for (const key of Object.keys(obj)) if (!TOP_LEVEL.has(key)) found.unknown.push(key);
  checkShape(obj.spec, entry.shape, 'spec', found);
  // kubectl's default --validate=strict refuses unknown fields before anything else (400); under Warn or Ignore the
  // API server prunes them and validates what is left, so the later layers see the pruned object.
  const strict =
    found.unknown.length > 0
      ? [`strict decoding error: ${found.unknown.map((f) => `unknown field "${f}"`).join(', ')}`]
      : [];
  const pruned: KubeObject = { ...obj, spec: pruneUnknown(obj.spec, entry.shape) };
  const schemaErrors = [...found.errors, ...celErrors(pruned)];
  if (strict.length > 0 || schemaErrors.length > 0) {
    if (schemaErrors.length > 0)
      return { errors: [...strict, ...schemaErrors], warnings: [], layer: 'schema' };
    const hook = entry.webhook(pruned);
    return {
      errors: [...strict, ...hook.errors],
      warnings: hook.warnings,
      layer: hook.errors.length > 0 ? 'webhook' : 'schema',
    };
  }
  const hook = entry.webhook(pruned);
  if (hook.errors.length > 0) return { errors: hook.errors, warnings: hook.warnings, layer: 'webhook' };
  return { errors: [], warnings: hook.warnings };
}

// The text kubectl prints after "Error from server (BadRequest): error when creating ...: " for a webhook denial.
// Istio's webhook wraps errors as "configuration is invalid: ..." and hashicorp/multierror lists two or more.
export function formatWebhookDenial(errors: readonly string[]): string {
  const body =
    errors.length === 1
      ? errors[0]!
      : `${errors.length} errors occurred:\n${errors.map((e) => `\t* ${e}`).join('\n')}\n\n`;
  return `admission webhook "validation.istio.io" denied the request: configuration is invalid: ${body}`;
}

// The text after "The KIND "NAME" is invalid: " for schema and CEL errors (kubectl joins them with ", "; a
// single strict-decoding error is printed as is).
export function formatSchemaRejection(obj: KubeObject, errors: readonly string[]): string {
  if (errors.length === 1 && errors[0]!.startsWith('strict decoding error')) return errors[0]!;
  const list = errors.length === 1 ? errors[0]! : `[${errors.join(', ')}]`;
  return `${obj.kind}.${groupOf(obj)} "${obj.metadata.name}" is invalid: ${list}`;
}
