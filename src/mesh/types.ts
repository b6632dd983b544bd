// The mesh engine's contract: Kubernetes objects and one request in, what curl sees and why out.
// sim/ (curl through exec), cli explain/lint/matrix and the tests all go through these types.

// Any Kubernetes object as the API server stores it (Namespace, Pod, Service, AuthorizationPolicy, ...).
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    uid?: string;
    creationTimestamp?: string;
    generation?: number;
    [key: string]: unknown;
  };
  spec?: any;
  status?: any;
  [key: string]: unknown;
}

// Mesh-wide settings of the Istio install.
export interface MeshSettings {
  trustDomain: string; // cluster.local
  rootNamespace: string; // istio-system
  istioVersion: string; // 1.28.0
  profile: 'ambient' | 'default';
  clusterDomain: string; // cluster.local (service DNS suffix svc.<clusterDomain>)
}

export const DEFAULT_MESH_SETTINGS: MeshSettings = {
  trustDomain: 'cluster.local',
  rootNamespace: 'istio-system',
  istioVersion: '1.28.0',
  profile: 'ambient',
  clusterDomain: 'cluster.local',
};

// One HTTP request as curl in the source pod would send it.
export interface MeshRequest {
  from: { namespace: string; pod: string };
  url: string; // http://helloworld.hello.svc.cluster.local:5000/hello, http://10.244.0.7:5000/, http://helloworld:5000
  method: string; // GET
  headers: Record<string, string>; // as sent; names in any case
  body?: string;
  // The instant of the request, for JWT exp/nbf (ms since the epoch); the engine never reads a clock.
  now: number;
  // curl's -m / --connect-timeout in ms; when absent a silent drop reports curl's default connect timeout (300 s).
  timeoutMs?: number;
}

// not-http: the server's first bytes are not an HTTP status line (a MySQL greeting), curl exit 1.
export type ConnectionError = 'reset' | 'refused' | 'timeout' | 'dns' | 'empty-reply' | 'not-http';

// What curl sees.
export type Outcome =
  | {
      kind: 'response';
      status: number;
      statusText: string; // "OK", "Forbidden", as the server writes the status line
      httpVersion: '1.1' | '2';
      headers: Array<[string, string]>; // in the order the server (or Envoy) writes them
      body: string;
    }
  | {
      kind: 'error';
      error: ConnectionError;
      curlExit: number; // 56, 7, 28, 6, 52, 1
      message: string; // curl's text after "curl: (N) ", e.g. "Recv failure: Connection reset by peer"
    };

export type HopKind = 'dns' | 'client' | 'network-policy' | 'waypoint' | 'ztunnel' | 'sidecar' | 'app';

// One decision on the request's path, with the object and rule that made it.
export interface TraceEntry {
  hop: HopKind;
  where: string; // e.g. "ztunnel of hello/helloworld-v1-6c9f5b7d4b-abcde", "waypoint hello/waypoint"
  verdict: 'pass' | 'allow' | 'deny' | 'info';
  message: string; // a sentence a learner follows
  policy?: { kind: string; namespace: string; name: string; rule?: number };
  source?: string; // the Istio source file the rule comes from
}

export interface Evaluation {
  outcome: Outcome;
  trace: TraceEntry[];
}

// Validation the way Istio's webhook, the CRD schema/CEL rules and the Kubernetes API apply it.
export interface ValidationResult {
  errors: string[]; // each as the API/webhook would word it (without the "Error from server" framing)
  warnings: string[]; // sent as Warning headers
  // Which layer refused it decides the HTTP status and framing: 'schema' (422 Invalid or 400 strict decoding),
  // 'webhook' (400 BadRequest, admission webhook "validation.istio.io" denied the request: ...).
  // Errors starting "strict decoding error" are unknown fields: under kubectl's default strict field validation
  // they refuse the object first; otherwise the other errors (on the pruned object) and this layer apply.
  layer?: 'schema' | 'webhook';
}

export interface StatusCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
  observedGeneration?: number;
  lastTransitionTime?: string;
}

// The engine over one snapshot of objects. evaluate is async because JWT verification (jose) is.
export interface Mesh {
  evaluate(request: MeshRequest): Promise<Evaluation>;
  // A path the app behind a Service port answers ("/hello" for helloworld); undefined when no HTTP app listens.
  samplePath(service: { namespace: string; name: string }, port: number): string | undefined;
}
