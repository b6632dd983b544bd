// What a lab's actions add to its manifests for lint: waypoints it deploys, labels it sets, and the refusals and
// warnings it expects from the API (those findings are reported as info).
import type { Action, LoadedLab, PathSegment } from '../lab/index.ts';
import type { RuleFinding } from './types.ts';
import { NOOP_WAYPOINT_LABEL, noopWaypointLabel } from './rules/waypoint-label.ts';

export interface LabFacts {
  waypointNamespaces: Set<string>;
  waypointGateways: Set<string>;
  useWaypointLabels: Set<string>;
  // file as written in lab.yaml → what its apply expects, and where the lab says so
  expectations: Map<string, Array<{ text: string; where: string }>>;
  // findings about lab.yaml itself (label actions), with their path in lab.yaml
  labFindings: RuleFinding[];
}

interface Located {
  action: Action;
  path: PathSegment[];
  where: string;
}

function actionsOf(lab: LoadedLab): Located[] {
  const setup = (lab.lab.setup ?? []).map((action, i) => ({
    action,
    path: ['setup', i] as PathSegment[],
    where: `setup[${i}]`,
  }));
  const steps = lab.lab.steps.flatMap((step, s) =>
    (step.actions ?? []).map((action, i) => ({
      action,
      path: ['steps', s, 'actions', i] as PathSegment[],
      where: `step ${step.id}`,
    })),
  );
  return [...setup, ...steps];
}

function noteLabel(
  facts: LabFacts,
  located: Located,
  label: { resource: string; namespace?: string | undefined; labels: Record<string, string | null> },
) {
  const [kind = '', name = ''] = label.resource.split('/');
  const ns = label.namespace ?? 'default';
  for (const [key, value] of Object.entries(label.labels)) {
    if (key === 'istio.io/use-waypoint' && value && value !== 'none') {
      if (/^(namespace|namespaces|ns)$/i.test(kind)) facts.useWaypointLabels.add(`namespace/${name}`);
      if (/^(service|services|svc)$/i.test(kind)) facts.useWaypointLabels.add(`service/${ns}/${name}`);
    }
    if (key === NOOP_WAYPOINT_LABEL && value !== null) {
      facts.labFindings.push(noopWaypointLabel([...located.path, 'label', 'labels', key], value));
    }
  }
}

// `kubectl label KIND NAME [-n NS] k=v ...` (or KIND/NAME) as the lab types it, read like a label action.
function noteKubectlLabel(facts: LabFacts, located: Located, command: string) {
  const args = command.trim().split(/\s+/);
  if (args[0] !== 'label') return;
  const rest = args.slice(1);
  const nsAt = rest.findIndex((a) => a === '-n' || a === '--namespace');
  const namespace =
    nsAt >= 0 ? rest[nsAt + 1] : rest.find((a) => a.startsWith('--namespace='))?.slice('--namespace='.length);
  const words = rest.filter((a, i) => !a.startsWith('-') && (nsAt < 0 || i !== nsAt + 1));
  const [first = '', second = ''] = words;
  const resource = first.includes('/') ? first : `${first}/${second}`;
  const labels: Record<string, string | null> = {};
  for (const w of words) {
    const m = /^([\w./-]+)=(.*)$/.exec(w);
    if (m) labels[m[1]!] = m[2]!;
  }
  const path = [...located.path, 'kubectl'];
  for (const [key, value] of Object.entries(labels)) {
    if (key === NOOP_WAYPOINT_LABEL) facts.labFindings.push(noopWaypointLabel(path, value));
  }
  const { [NOOP_WAYPOINT_LABEL]: _noop, ...rest2 } = labels;
  noteLabel(facts, { ...located, path }, { resource, namespace, labels: rest2 });
}

function filesOf(value: string | string[]): string[] {
  return Array.isArray(value) ? value : [value];
}

// Read what the lab's actions say about waypoints, labels and expected refusals.
export function readLabFacts(lab: LoadedLab): LabFacts {
  const facts: LabFacts = {
    waypointNamespaces: new Set(),
    waypointGateways: new Set(),
    useWaypointLabels: new Set(),
    expectations: new Map(),
    labFindings: [],
  };
  for (const located of actionsOf(lab)) {
    const a = located.action as Record<string, any>;
    if (a.waypoint) {
      facts.waypointNamespaces.add(a.waypoint.namespace);
      facts.waypointGateways.add(`${a.waypoint.namespace}/${a.waypoint.name ?? 'waypoint'}`);
    }
    if (a.label) noteLabel(facts, located, a.label);
    if (typeof a.kubectl === 'string') noteKubectlLabel(facts, located, a.kubectl);
    const text = a.expect?.rejected ?? a.expect?.warning;
    if (a.apply && typeof text === 'string') {
      for (const file of filesOf(a.apply)) {
        facts.expectations.set(file, [
          ...(facts.expectations.get(file) ?? []),
          { text, where: located.where },
        ]);
      }
    }
  }
  return facts;
}
