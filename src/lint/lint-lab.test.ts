// Lint a whole lab: what its actions add (waypoints, labels, expected refusals) to what its manifests say.
import { describe, expect, it } from 'vitest';
import { writeInlineLab } from '../cli/testing/inline-lab.ts';
import { loadLab } from '../lab/index.ts';
import { formatFinding } from './format.ts';
import { lintLab } from './lint.ts';

const TARGETED = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: get-only, namespace: hello }
spec:
  targetRefs: [{ kind: Service, group: "", name: helloworld }]
  rules:
    - to: [{ operation: { methods: ["GET"] } }]
`;
const REFUSED = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: hours, namespace: hello }
spec:
  rules:
    - when:
        - key: custom.time_of_day
          values: ["09:00-17:00"]
`;

async function lintInline(steps: string, files: Record<string, string>): Promise<string[]> {
  const dir = await writeInlineLab({ steps, files });
  const lab = await loadLab(dir, { cwd: dir });
  return (await lintLab(lab, dir)).map(formatFinding);
}

describe('lintLab', () => {
  it('accepts a targetRefs policy once a waypoint action enrolls the namespace', async () => {
    const without = await lintInline(
      '  - id: l7\n    title: L7\n    actions:\n      - apply: manifests/get-only.yaml\n',
      { 'manifests/get-only.yaml': TARGETED },
    );
    expect(without.join('\n')).toContain(
      'warning targetref-without-waypoint: no waypoint serves Service hello/helloworld',
    );
    const withWaypoint = await lintInline(
      '  - id: l7\n    title: L7\n    actions:\n      - waypoint: { namespace: hello, enroll: true }\n      - apply: manifests/get-only.yaml\n',
      { 'manifests/get-only.yaml': TARGETED },
    );
    expect(withWaypoint.join('\n')).not.toContain('targetref-without-waypoint');
  });

  it('reports a refusal the lab expects as info, naming the step', async () => {
    const out = await lintInline(
      '  - id: refused\n    title: Refused\n    actions:\n      - apply: manifests/hours.yaml\n        expect: { rejected: "unknown attribute: custom.time_of_day" }\n',
      { 'manifests/hours.yaml': REFUSED },
    );
    const refusals = out.filter((l) => l.includes('istio-rejects'));
    expect(refusals.length).toBeGreaterThan(0);
    expect(
      refusals.every((l) => / info istio-rejects: .*\[expected by the lab, step refused\]$/.test(l)),
    ).toBe(true);
  });

  it('reports istio.io/waypoint set by a label action and by kubectl label in lab.yaml', async () => {
    const out = await lintInline(
      [
        '  - id: labels',
        '    title: Labels',
        '    actions:',
        '      - label: { resource: namespace/hello, labels: { istio.io/waypoint: enabled } }',
        '      - kubectl: label svc helloworld -n hello istio.io/waypoint=enabled',
        '',
      ].join('\n'),
      {},
    );
    expect(out).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^lab\.yaml:11:74: warning noop-waypoint-label: the label istio\.io\/waypoint=enabled does nothing/,
        ),
        expect.stringMatching(
          /^lab\.yaml:12:18: warning noop-waypoint-label: the label istio\.io\/waypoint=enabled does nothing/,
        ),
      ]),
    );
  });
});
