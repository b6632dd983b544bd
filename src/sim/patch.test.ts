import { describe, expect, it } from 'vitest';
import { applyJsonPatch, applyMergePatch, applyStrategicMergePatch } from './patch.ts';

const pod = {
  metadata: { labels: { app: 'web', tier: 'front' } },
  spec: { containers: [{ name: 'web', image: 'nginx:1', ports: [{ containerPort: 80 }] }, { name: 'side', image: 'busybox' }] },
};

describe('applyMergePatch', () => {
  it('merges maps, deletes keys set to null and replaces lists', () => {
    expect(applyMergePatch(pod, { metadata: { labels: { tier: null, v: '2' } }, spec: { containers: [{ name: 'only' }] } })).toEqual({
      metadata: { labels: { app: 'web', v: '2' } }, spec: { containers: [{ name: 'only' }] },
    });
  });
});

describe('applyStrategicMergePatch', () => {
  it('merges containers by name and keeps the others', () => {
    const out = applyStrategicMergePatch(pod, { spec: { containers: [{ name: 'web', image: 'nginx:2' }] } }) as typeof pod;
    expect(out.spec.containers).toEqual([{ name: 'web', image: 'nginx:2', ports: [{ containerPort: 80 }] }, { name: 'side', image: 'busybox' }]);
  });

  it('merges ports by containerPort and removes items marked $patch: delete', () => {
    const out = applyStrategicMergePatch(pod, { spec: { containers: [{ name: 'web', ports: [{ containerPort: 443 }] }, { name: 'side', $patch: 'delete' }] } }) as typeof pod;
    expect(out.spec.containers).toEqual([{ name: 'web', image: 'nginx:1', ports: [{ containerPort: 80 }, { containerPort: 443 }] }]);
  });

  it('ignores $setElementOrder directives kubectl sends', () => {
    const out = applyStrategicMergePatch(pod, { metadata: { labels: { v: '3' } }, spec: { '$setElementOrder/containers': [{ name: 'web' }, { name: 'side' }] } }) as any;
    expect(out.metadata.labels).toEqual({ app: 'web', tier: 'front', v: '3' });
    expect(out.spec.containers).toHaveLength(2);
  });
});

describe('applyJsonPatch', () => {
  it('adds, replaces and removes by JSON pointer', () => {
    const out = applyJsonPatch(pod, [
      { op: 'add', path: '/metadata/labels/istio.io~1use-waypoint', value: 'waypoint' },
      { op: 'replace', path: '/spec/containers/0/image', value: 'nginx:3' },
      { op: 'remove', path: '/spec/containers/1' },
    ]) as any;
    expect(out.metadata.labels['istio.io/use-waypoint']).toBe('waypoint');
    expect(out.spec.containers).toEqual([{ name: 'web', image: 'nginx:3', ports: [{ containerPort: 80 }] }]);
    expect(pod.spec.containers).toHaveLength(2);
  });

  it('refuses to remove a path that is not there with 422', () => {
    expect(() => applyJsonPatch(pod, [{ op: 'remove', path: '/metadata/annotations/x' }])).toThrow(/missing value/);
  });
});
