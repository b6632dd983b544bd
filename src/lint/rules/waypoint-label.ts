// A label `istio.io/waypoint` does nothing: Istio defines no such label (istio/api label/labels.yaml); the one
// that binds a Service, Pod or namespace to a waypoint is istio.io/use-waypoint.
import type { PathSegment } from '../../lab/index.ts';
import type { LintDocument, LintRule, RuleFinding } from '../types.ts';

export const NOOP_WAYPOINT_LABEL = 'istio.io/waypoint';
const FIX = 'istio.io/use-waypoint: <the waypoint Gateway name>, e.g. waypoint';

// The finding for a no-op waypoint label at a path (a manifest's labels or a lab's label action).
export function noopWaypointLabel(path: PathSegment[], value: unknown): RuleFinding {
  return {
    rule: 'noop-waypoint-label',
    severity: 'warning',
    path,
    target: 'key',
    message: `the label ${NOOP_WAYPOINT_LABEL}=${String(value)} does nothing; Istio reads no such label`,
    fix: FIX,
  };
}

export const waypointLabelRule: LintRule = {
  id: 'noop-waypoint-label',
  check(doc: LintDocument): RuleFinding[] {
    const obj = doc.object;
    const places: Array<{ labels: unknown; path: PathSegment[] }> = [
      { labels: obj.metadata.labels, path: ['metadata', 'labels'] },
      { labels: obj.spec?.template?.metadata?.labels, path: ['spec', 'template', 'metadata', 'labels'] },
    ];
    return places.flatMap(({ labels, path }) => {
      const value = (labels as Record<string, unknown> | undefined)?.[NOOP_WAYPOINT_LABEL];
      return value === undefined || value === null
        ? []
        : [noopWaypointLabel([...path, NOOP_WAYPOINT_LABEL], value)];
    });
  },
};
