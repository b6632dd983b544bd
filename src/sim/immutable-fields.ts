// Fields the API server refuses to change on update (pkg/apis/core/validation: ValidatePodUpdate,
// ValidateServiceUpdate; apps validation for the Deployment selector).
import type { KubeObject } from '../mesh/types.ts';
import type { FieldError } from './errors.ts';
import type { KindInfo } from './kinds.ts';
import { sameJson } from './server-side-apply.ts';

const POD_UPDATABLE = 'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

function podSpecShape(spec: any): unknown {
  const strip = (list: any[] | undefined): unknown => (list ?? []).map(({ image: _image, ...rest }) => rest);
  const { containers, initContainers, activeDeadlineSeconds: _a, tolerations: _t, terminationGracePeriodSeconds: _g, ...rest } = spec ?? {};
  return { ...rest, containers: strip(containers), initContainers: strip(initContainers) };
}

// A Service's cluster IPs may not change once allocated; the error shows the whole new list
// (pkg/apis/core/validation/validation.go validateUpgradeDowngradeClusterIPs).
function clusterIpErrors(old: KubeObject, next: KubeObject): FieldError[] {
  const before = (old.spec?.clusterIPs ?? []) as string[];
  const after = (next.spec?.clusterIPs ?? []) as string[];
  if (old.spec?.type === 'ExternalName' || next.spec?.type === 'ExternalName' || before.length !== after.length) return [];
  return before.flatMap((ip, i) => (ip === after[i] ? [] : [{
    field: `spec.clusterIPs[${i}]`, type: 'FieldValueInvalid' as const, value: { goType: '[]string' as const, value: after }, detail: 'may not change once set',
  }]));
}

// The field errors of changing immutable fields from old to next.
export function immutableFieldErrors(old: KubeObject, next: KubeObject, info: KindInfo): FieldError[] {
  if (info.group === '' && info.kind === 'Pod' && !sameJson(podSpecShape(old.spec), podSpecShape(next.spec))) {
    return [{ field: 'spec', type: 'FieldValueForbidden', detail: POD_UPDATABLE }];
  }
  if (info.group === '' && info.kind === 'Service') return clusterIpErrors(old, next);
  if (info.group === 'apps' && info.kind === 'Deployment' && !sameJson(old.spec?.selector, next.spec?.selector)) {
    return [{ field: 'spec.selector', type: 'FieldValueInvalid', value: { goType: 'v1.LabelSelector', value: next.spec?.selector }, detail: 'field is immutable' }];
  }
  return [];
}
