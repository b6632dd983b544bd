// Kubernetes Status errors with the reasons, codes and messages the real API server uses
// (apimachinery/pkg/api/errors/errors.go).
import { goSyntax, isGoValue, type GoValue } from './go-values.ts';

export interface StatusCause {
  reason: string;
  message: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

// An error the API answers with a Status object.
export class ApiError extends Error {
  readonly code: number;
  readonly reason: string;
  readonly details: StatusDetails | undefined;
  constructor(options: { code: number; reason: string; message: string; details?: StatusDetails }) {
    super(options.message);
    this.name = 'ApiError';
    this.code = options.code;
    this.reason = options.reason;
    this.details = options.details;
  }
}

// The Status body for an error (or for success, when err is undefined).
export function statusBody(err: ApiError): Record<string, unknown> {
  const body: Record<string, unknown> = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: err.message,
  };
  if (err.reason !== '') body.reason = err.reason;
  if (err.details) body.details = err.details;
  body.code = err.code;
  return body;
}

// "pods" or "authorizationpolicies.security.istio.io": how the API names a resource in messages.
export function qualifiedResource(group: string, plural: string): string {
  return group === '' ? plural : `${plural}.${group}`;
}

// "Service" or "AuthorizationPolicy.security.istio.io": how the API names a kind in messages.
export function qualifiedKind(group: string, kind: string): string {
  return group === '' ? kind : `${kind}.${group}`;
}

// 404 NotFound: `pods "x" not found`.
export function notFound(group: string, plural: string, name: string): ApiError {
  return new ApiError({
    code: 404, reason: 'NotFound', message: `${qualifiedResource(group, plural)} "${name}" not found`,
    details: { name, ...(group ? { group } : {}), kind: plural },
  });
}

// 409 AlreadyExists: `pods "x" already exists`.
export function alreadyExists(group: string, plural: string, name: string): ApiError {
  return new ApiError({
    code: 409, reason: 'AlreadyExists', message: `${qualifiedResource(group, plural)} "${name}" already exists`,
    details: { name, ...(group ? { group } : {}), kind: plural },
  });
}

// 409 Conflict on a stale resourceVersion.
export function conflict(options: { group: string; plural: string; name: string; message: string }): ApiError {
  const { group, plural, name, message } = options;
  return new ApiError({
    code: 409, reason: 'Conflict',
    message: `Operation cannot be fulfilled on ${qualifiedResource(group, plural)} "${name}": ${message}`,
    details: { name, ...(group ? { group } : {}), kind: plural },
  });
}

// One field error: "metadata.labels: Invalid value: "#none": a valid label ...".
export interface FieldError {
  field: string;
  type: 'FieldValueInvalid' | 'FieldValueRequired' | 'FieldValueNotSupported' | 'FieldValueForbidden' | 'FieldValueDuplicate' | 'FieldValueTypeInvalid';
  detail: string; // the text after "Invalid value: ...: " (or the whole body for other types)
  value?: string | number | boolean | null | GoValue; // non-scalars carry their Go type, for %#v
}

// The body of a field error as field.Error.ErrorBody() writes it.
export function fieldErrorBody(e: FieldError): string {
  switch (e.type) {
    case 'FieldValueRequired':
      return `Required value${e.detail ? `: ${e.detail}` : ''}`;
    case 'FieldValueForbidden':
      return `Forbidden: ${e.detail}`;
    case 'FieldValueDuplicate':
      return `Duplicate value: ${formatValue(e.value)}`;
    case 'FieldValueNotSupported':
      return `Unsupported value: ${formatValue(e.value)}${e.detail ? `: ${e.detail}` : ''}`;
    default:
      return `Invalid value: ${formatValue(e.value)}${e.detail ? `: ${e.detail}` : ''}`;
  }
}

// field.Error.ErrorBody: strings quoted, numbers and booleans plain, nil as null, others as Go's %#v.
function formatValue(value: FieldError['value']): string {
  if (value === null || value === undefined) return 'null';
  if (isGoValue(value)) return goSyntax(value);
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

// 422 Invalid: `Service "x" is invalid: <field errors>` with one cause per field error.
export function invalid(options: { group: string; kind: string; name: string; errors: FieldError[] }): ApiError {
  const { group, kind, name, errors } = options;
  const lines = errors.map((e) => `${e.field}: ${fieldErrorBody(e)}`);
  return invalidWithCauses({
    group, kind, name, lines,
    causes: errors.map((e) => ({ reason: e.type, message: fieldErrorBody(e), field: e.field })),
  });
}

// 422 Invalid from already-worded lines ("spec.x: Invalid value: ..."); each becomes a cause.
export function invalidFromLines(options: { group: string; kind: string; name: string; lines: string[] }): ApiError {
  const causes = options.lines.map((line) => {
    const m = /^([A-Za-z0-9_.[\]"-]+): (.*)$/s.exec(line);
    return m ? { reason: 'FieldValueInvalid', message: m[2] ?? line, field: m[1] ?? '' } : { reason: 'FieldValueInvalid', message: line };
  });
  return invalidWithCauses({ ...options, causes });
}

function invalidWithCauses(options: { group: string; kind: string; name: string; lines: string[]; causes: StatusCause[] }): ApiError {
  const { group, kind, name, lines, causes } = options;
  const aggregate = lines.length === 1 ? (lines[0] ?? '') : `[${lines.join(', ')}]`;
  return new ApiError({
    code: 422, reason: 'Invalid', message: `${qualifiedKind(group, kind)} "${name}" is invalid: ${aggregate}`,
    details: { name, ...(group ? { group } : {}), kind, causes },
  });
}

// 400 BadRequest with a message.
export function badRequest(message: string, details?: StatusDetails): ApiError {
  return new ApiError({ code: 400, reason: 'BadRequest', message, ...(details ? { details } : {}) });
}

// 405 MethodNotAllowed.
export function methodNotSupported(group: string, plural: string, verb: string): ApiError {
  return new ApiError({
    code: 405, reason: 'MethodNotAllowed',
    message: `${verb} is not supported on resources of kind "${qualifiedResource(group, plural)}"`,
    details: { ...(group ? { group } : {}), kind: plural },
  });
}

// 404 for a path the server does not serve at all.
export function pageNotFound(): ApiError {
  return new ApiError({ code: 404, reason: 'NotFound', message: 'the server could not find the requested resource', details: {} });
}

// Why a streaming request other than exec is refused, and what to do instead.
export function streamingRefusal(subresource: string | undefined): string {
  if (subresource === 'portforward') return 'port-forward is not supported by the embedded cluster: no process listens in its pods; use kubectl exec POD -- curl URL';
  if (subresource === 'spdy' || subresource === 'spdy-attach') return `${subresource === 'spdy' ? 'exec' : 'attach'} needs a WebSocket upgrade (v5.channel.k8s.io or v4.channel.k8s.io); the embedded cluster does not speak SPDY (unset KUBECTL_REMOTE_COMMAND_WEBSOCKETS)`;
  if (subresource === 'attach') return 'attach is supported by the embedded cluster only for one-shot containers (a curl or a short sh -c script); use kubectl exec';
  return 'the embedded cluster upgrades only pods/exec connections';
}
