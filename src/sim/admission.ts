// What happens to an object between the request and the store: defaults, sidecar injection,
// validation of metadata, unknown fields and (through the mesh engine) Istio objects.
import type { KubeObject } from '../mesh/types.ts';
import type { SimCluster } from './cluster.ts';
import { applyDefaults } from './defaults.ts';
import { ApiError, badRequest, invalid, invalidFromLines, type FieldError } from './errors.ts';
import { KINDS, type KindInfo } from './kinds.ts';
import { immutableFieldErrors } from './immutable-fields.ts';
import { findUnknownFields } from './unknown-fields.ts';
import { checkObjectMeta, nameRuleOf } from './validation.ts';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

const MESH_GROUPS = new Set(['security.istio.io', 'networking.istio.io', 'telemetry.istio.io', 'extensions.istio.io', 'gateway.networking.k8s.io']);

function kindErrors(obj: KubeObject, info: KindInfo): FieldError[] {
  if (info.group === '' && obj.kind === 'Pod') {
    const containers = obj.spec?.containers;
    if (!Array.isArray(containers) || containers.length === 0) return [{ field: 'spec.containers', type: 'FieldValueRequired', detail: '' }];
    return containers.flatMap((c: any, i: number) => (typeof c?.image === 'string' && c.image !== '' ? [] : [{ field: `spec.containers[${i}].image`, type: 'FieldValueRequired' as const, detail: '' }]));
  }
  if (info.group === 'apps' && obj.kind === 'Deployment') {
    const selector = obj.spec?.selector;
    const labels = obj.spec?.template?.metadata?.labels ?? {};
    if (!selector) return [{ field: 'spec.selector', type: 'FieldValueRequired', detail: '' }];
    const mismatch = Object.entries((selector.matchLabels ?? {}) as Record<string, string>).some(([k, v]) => labels[k] !== v);
    if (mismatch) return [{ field: 'spec.template.metadata.labels', type: 'FieldValueInvalid', value: { goType: 'map[string]string', value: labels }, detail: '`selector` does not match template `labels`' }];
  }
  return [];
}

// The embedded cluster serves a fixed set of CRDs: re-applying one of them is accepted (and changes
// nothing it serves); any other CRD is refused with what to do instead.
export function checkCustomResourceDefinition(obj: KubeObject, info: KindInfo, verb: 'create' | 'delete'): void {
  if (info.group !== 'apiextensions.k8s.io' || info.kind !== 'CustomResourceDefinition') return;
  const served = KINDS.some((k) => k.crd && `${k.plural}.${k.group}` === obj.metadata.name);
  if (served && verb === 'create') return;
  const why = served
    ? `the embedded cluster serves ${obj.metadata.name} with Istio and cannot remove it`
    : `the embedded cluster serves only the Istio and Gateway API kinds and cannot add ${obj.metadata.name}; run this lab on a real cluster (--target kind)`;
  throw new ApiError({
    code: 403, reason: 'Forbidden', message: `customresourcedefinitions.apiextensions.k8s.io "${obj.metadata.name}" is forbidden: ${why}`,
    details: { name: obj.metadata.name, group: 'apiextensions.k8s.io', kind: 'customresourcedefinitions' },
  });
}

// Check an object the way the API server and its admission webhooks would; returns the warnings.
export function validateObject(options: { obj: KubeObject; old?: KubeObject | undefined; info: KindInfo; cluster: SimCluster; fieldValidation: FieldValidation }): string[] {
  const { obj, old, info, cluster, fieldValidation } = options;
  const warnings: string[] = [];
  checkCustomResourceDefinition(obj, info, 'create');
  const unknown = findUnknownFields(obj, info.group);
  if (unknown.length > 0 && fieldValidation === 'Strict') {
    const detail = unknown.map((u) => `unknown field "${u}"`).join(', ');
    throw badRequest(`${obj.kind} in version "${obj.apiVersion.split('/').pop() ?? ''}" cannot be handled as a ${obj.kind}: strict decoding error: ${detail}`);
  }
  if (fieldValidation === 'Warn') warnings.push(...unknown.map((u) => `unknown field "${u}"`));
  const metaErrors = [...checkObjectMeta(obj.metadata, nameRuleOf(obj.kind, info.group)), ...kindErrors(obj, info), ...(old ? immutableFieldErrors(old, obj, info) : [])];
  if (metaErrors.length > 0) throw invalid({ group: info.group, kind: info.kind, name: obj.metadata.name, errors: metaErrors });
  if (!MESH_GROUPS.has(info.group)) return warnings;
  const result = cluster.mesh.validateObject(obj, cluster.settings);
  const strict = result.errors.filter((e) => e.startsWith('strict decoding error'));
  if (strict.length > 0) {
    const version = obj.apiVersion.split('/').pop() ?? '';
    if (fieldValidation === 'Strict') throw badRequest(`${obj.kind} in version "${version}" cannot be handled as a ${obj.kind}: ${strict.join(', ')}`);
    if (fieldValidation === 'Warn') warnings.push(...strict.flatMap((e) => e.replace(/^strict decoding error: /, '').split(', ')));
  }
  const errors = result.errors.filter((e) => !e.startsWith('strict decoding error'));
  if (errors.length > 0) {
    if (result.layer === 'webhook') {
      // Istio: pkg/webhooks/validation/server/server.go — the webhook denies with "configuration is invalid: <errors>".
      throw new ApiError({ code: 400, reason: 'BadRequest', message: cluster.mesh.formatWebhookDenial(errors) });
    }
    throw invalidFromLines({ group: info.group, kind: info.kind, name: obj.metadata.name, lines: errors });
  }
  return [...warnings, ...result.warnings];
}

// Defaults, then the sidecar injection webhook for pods.
export function mutateObject(options: { obj: KubeObject; old: KubeObject | undefined; info: KindInfo; cluster: SimCluster }): KubeObject {
  const { obj, old, info, cluster } = options;
  let out = applyDefaults(obj, old, cluster);
  if (!old && info.group === '' && info.kind === 'Pod') {
    const ns = cluster.get('', 'Namespace', undefined, out.metadata.namespace ?? 'default');
    if (cluster.mesh.shouldInjectSidecar(out, ns, cluster.settings)) out = cluster.mesh.injectSidecar(out, cluster.settings);
  }
  return out;
}

// 403 when writing into a namespace that is being deleted; 404 when it does not exist.
export function checkNamespaceWritable(cluster: SimCluster, info: KindInfo, obj: KubeObject): void {
  if (!info.namespaced) return;
  const ns = cluster.get('', 'Namespace', undefined, obj.metadata.namespace ?? '');
  if (!ns) {
    throw new ApiError({ code: 404, reason: 'NotFound', message: `namespaces "${obj.metadata.namespace}" not found`, details: { name: obj.metadata.namespace ?? '', kind: 'namespaces' } });
  }
  if (ns.status?.phase === 'Terminating') {
    throw new ApiError({
      code: 403, reason: 'Forbidden',
      message: `${info.group === '' ? info.plural : `${info.plural}.${info.group}`} "${obj.metadata.name}" is forbidden: unable to create new content in namespace ${ns.metadata.name} because it is being terminated`,
      details: { name: obj.metadata.name, ...(info.group ? { group: info.group } : {}), kind: info.plural, causes: [{ reason: 'NamespaceTerminating', message: `namespace ${ns.metadata.name} is being terminated`, field: 'metadata.namespace' }] },
    });
  }
}

