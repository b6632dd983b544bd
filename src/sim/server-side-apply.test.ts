import { describe, expect, it } from 'vitest';
import { ApiError } from './errors.ts';
import { applyConfiguration, recordUpdate } from './server-side-apply.ts';

const now = Date.parse('2026-01-01T00:00:00Z');
const ns = (labels: Record<string, string>): any => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'demo', labels } });
const apply = (live: any, applied: any, manager: string, force = false): any => applyConfiguration({ live, applied, manager, force, apiVersion: 'v1', now });

describe('applyConfiguration', () => {
  it('records the applied fields as owned by the manager', () => {
    const out = apply(undefined, ns({ a: '1' }), 'labs');
    expect(out.metadata.managedFields).toEqual([
      { manager: 'labs', operation: 'Apply', apiVersion: 'v1', time: '2026-01-01T00:00:00Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:metadata': { 'f:labels': { 'f:a': {} } } } },
    ]);
  });

  it('removes a field only when its sole owner re-applies without it', () => {
    const first = apply(undefined, ns({ a: '1', b: '2' }), 'labs');
    const labelled = { ...first, metadata: { ...first.metadata, labels: { ...first.metadata.labels, c: '3' } } };
    labelled.metadata.managedFields = recordUpdate({ old: first, updated: labelled, manager: 'kubectl-label', apiVersion: 'v1', now });
    const out = apply(labelled, ns({ a: '1' }), 'labs');
    expect(out.metadata.labels).toEqual({ a: '1', c: '3' });
  });

  it('keeps a field two managers applied with the same value when one drops it', () => {
    const one = apply(undefined, ns({ a: '1' }), 'alice');
    const both = apply(one, ns({ a: '1' }), 'bob');
    expect(apply(both, ns({}), 'alice').metadata.labels).toEqual({ a: '1' });
  });

  it('refuses to change a field another manager owns with 409, unless forced', () => {
    const owned = apply(undefined, ns({ a: '1' }), 'alice');
    let err: unknown;
    try {
      apply(owned, ns({ a: '2' }), 'bob');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe(409);
    expect((err as ApiError).message).toBe('Apply failed with 1 conflict: conflict with "alice": .metadata.labels.a');
    const forced = apply(owned, ns({ a: '2' }), 'bob', true);
    expect(forced.metadata.labels).toEqual({ a: '2' });
    expect(forced.metadata.managedFields.map((m: any) => m.manager)).toEqual(['bob']);
  });

  it('merges containers by name and owns them per item', () => {
    const deploy = (containers: any[]): any => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { template: { spec: { containers } } } });
    const out = apply(undefined, deploy([{ name: 'app', image: 'a:1' }]), 'labs');
    expect(out.metadata.managedFields[0].fieldsV1['f:spec']['f:template']['f:spec']['f:containers']).toEqual({ 'k:{"name":"app"}': { '.': {}, 'f:image': {}, 'f:name': {} } });
    expect(apply(out, deploy([{ name: 'app', image: 'a:2' }]), 'labs').spec.template.spec.containers).toEqual([{ name: 'app', image: 'a:2' }]);
  });
});
