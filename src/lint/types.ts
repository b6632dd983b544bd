// The shapes lint works with: documents that know where their nodes are, rules, and findings.
import type { PathSegment } from '../lab/index.ts';

export type Severity = 'error' | 'warning' | 'info';

// A Kubernetes object as written in a manifest (no defaults, no status).
export interface LintObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string | null>;
    [key: string]: unknown;
  };
  spec?: any;
  [key: string]: unknown;
}

export interface Position {
  line: number;
  column: number;
}

// One object of a manifest file, with a way to find the line and column of any node inside it.
export interface LintDocument {
  file: string; // as shown to the user (relative to the cwd when inside it)
  index: number; // 1-based document number in the file
  object: LintObject;
  locate(path: readonly PathSegment[], target?: 'key' | 'value'): Position;
}

// What the documents linted together say about waypoints, beyond the documents themselves.
export interface LintContext {
  documents: readonly LintDocument[];
  profile: 'ambient' | 'default';
  // Namespaces where the lab runs a waypoint action (istioctl waypoint apply), and the Gateways it creates (ns/name).
  waypointNamespaces: ReadonlySet<string>;
  waypointGateways: ReadonlySet<string>;
  // Objects the lab labels istio.io/use-waypoint through a label action: "namespace/NS" or "service/NS/NAME".
  useWaypointLabels: ReadonlySet<string>;
}

// What a rule reports about one document: where inside it, what is wrong and what to write instead.
export interface RuleFinding {
  rule: string;
  severity: Severity;
  path: PathSegment[];
  target?: 'key' | 'value';
  message: string;
  fix?: string;
  // The API server's or webhook's own words, when the finding is a refusal or warning it would send.
  apiMessage?: string;
}

export interface LintRule {
  id: string;
  check(doc: LintDocument, ctx: LintContext): RuleFinding[];
}

// A finding placed in its file.
export interface LintFinding {
  file: string;
  line: number;
  column: number;
  severity: Severity;
  rule: string;
  message: string;
  fix?: string;
  // Set when the lab expects this refusal or warning (severity is then info): where it says so.
  expectedBy?: string;
  apiMessage?: string;
}
