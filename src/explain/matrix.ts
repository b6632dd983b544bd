// Who can reach whom, now: every client workload of a lab's namespaces against every Service port, through the engine.
import type { LoadedLab } from '../lab/index.ts';
import { createMesh, type KubeObject, type MeshSettings, type Outcome } from '../mesh/index.ts';
import type { MatrixGrid, MatrixRow } from '../report/matrix.ts';

const GATEWAY_LABEL = 'gateway.networking.k8s.io/gateway-name';
const CURL_MAX_TIME_MS = 10_000;
const L7_OPERATION_FIELDS = ['methods', 'notMethods', 'paths', 'notPaths', 'hosts', 'notHosts'];

// The namespaces a lab's manifests create or put objects in, without Istio's root namespace.
export function labNamespaces(lab: LoadedLab, settings: MeshSettings): Set<string> {
  const names = new Set<string>();
  for (const docs of lab.manifests.values()) {
    for (const d of docs) names.add(d.object.kind === 'Namespace' ? d.object.metadata.name : (d.object.metadata.namespace ?? 'default'));
  }
  names.delete(settings.rootNamespace);
  return names;
}

// The workload a pod belongs to: its Deployment (ReplicaSet name without the template hash), else the pod.
function workloadOf(pod: KubeObject): string {
  const owner = ((pod.metadata.ownerReferences ?? []) as Array<{ kind: string; name: string }>).find((o) => o.kind === 'ReplicaSet');
  const hash = pod.metadata.labels?.['pod-template-hash'];
  if (owner && hash && owner.name.endsWith(`-${hash}`)) return owner.name.slice(0, -hash.length - 1);
  return owner?.name ?? pod.metadata.name;
}

// One running pod per client workload (no waypoints or gateways): "ns/workload" → pod.
export function pickSources(objects: readonly KubeObject[], namespaces: ReadonlySet<string>): Map<string, KubeObject> {
  const pods = objects
    .filter((o) => o.kind === 'Pod' && namespaces.has(o.metadata.namespace ?? '') && o.status?.phase === 'Running')
    .filter((o) => o.metadata.labels?.[GATEWAY_LABEL] === undefined)
    .sort((a, b) => `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace}/${b.metadata.name}`));
  const sources = new Map<string, KubeObject>();
  for (const pod of pods) {
    const key = `${pod.metadata.namespace}/${workloadOf(pod)}`;
    if (!sources.has(key)) sources.set(key, pod);
  }
  return new Map([...sources].sort(([a], [b]) => a.localeCompare(b)));
}

// The path the lab's own checks request on a Service port, else "/".
function pathFor(lab: LoadedLab, svc: KubeObject, port: number): string {
  const ns = svc.metadata.namespace ?? 'default';
  const hosts = new Set([svc.metadata.name, `${svc.metadata.name}.${ns}`, `${svc.metadata.name}.${ns}.svc`, `${svc.metadata.name}.${ns}.svc.cluster.local`]);
  for (const step of lab.lab.steps) {
    for (const check of step.checks ?? []) {
      if (!('url' in check)) continue;
      const url = URL.canParse(check.url) ? new URL(check.url) : undefined;
      if (url && hosts.has(url.hostname) && Number(url.port || 80) === port) return url.pathname;
    }
  }
  return '/';
}

function hasL7Operation(policy: KubeObject): boolean {
  const rules = Array.isArray(policy.spec?.rules) ? (policy.spec.rules as any[]) : [];
  return rules.some((r) => (Array.isArray(r?.to) ? (r.to as any[]) : []).some((t) => L7_OPERATION_FIELDS.some((f) => Array.isArray(t?.operation?.[f]))));
}

// Whether an HTTP-aware AuthorizationPolicy may apply to a Service: it targets the Service or a Gateway/GatewayClass,
// or it selects workloads the Service's selector could match (namespace-wide when it has no selector).
function mayApplyTo(policy: KubeObject, svc: KubeObject, settings: MeshSettings): boolean {
  const ns = policy.metadata.namespace;
  if (ns !== svc.metadata.namespace && ns !== settings.rootNamespace) return false;
  const refs = [...((policy.spec?.targetRefs ?? []) as any[]), ...(policy.spec?.targetRef ? [policy.spec.targetRef] : [])];
  if (refs.length > 0) return refs.some((r) => (r.kind === 'Service' && r.name === svc.metadata.name) || r.kind === 'Gateway' || r.kind === 'GatewayClass');
  const wanted = (policy.spec?.selector?.matchLabels ?? {}) as Record<string, string>;
  const selector = (svc.spec?.selector ?? {}) as Record<string, string>;
  return Object.entries(wanted).every(([k, v]) => selector[k] === undefined || selector[k] === v);
}

function methodsFor(objects: readonly KubeObject[], svc: KubeObject, settings: MeshSettings): string[] {
  const l7 = objects.some((o) => o.kind === 'AuthorizationPolicy' && hasL7Operation(o) && mayApplyTo(o, svc, settings));
  return l7 ? ['GET', 'POST', 'DELETE'] : ['GET'];
}

// Whether a Service fronts a waypoint or gateway deployment (its selector is the Gateway's name label).
function isGatewayService(svc: KubeObject): boolean {
  return svc.spec?.selector?.[GATEWAY_LABEL] !== undefined || svc.metadata.labels?.['gateway.istio.io/managed'] !== undefined;
}

// The requests of the grid: each Service port of the lab's namespaces (not waypoints), GET, and POST/DELETE where L7 rules apply.
export function listDestinations(lab: LoadedLab, objects: readonly KubeObject[], settings: MeshSettings, namespaces: ReadonlySet<string>): MatrixRow[] {
  const services = objects
    .filter((o) => o.kind === 'Service' && namespaces.has(o.metadata.namespace ?? '') && !isGatewayService(o))
    .sort((a, b) => `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace}/${b.metadata.name}`));
  return services.flatMap((svc) =>
    ((svc.spec?.ports ?? []) as Array<{ port: number; protocol?: string }>)
      .filter((p) => (p.protocol ?? 'TCP') === 'TCP')
      .flatMap((p) => {
        const host = `${svc.metadata.name}.${svc.metadata.namespace}`;
        const url = `http://${host}.svc.${settings.clusterDomain}:${p.port}${pathFor(lab, svc, p.port)}`;
        return methodsFor(objects, svc, settings).map((method) => ({ destination: `${host}:${p.port}`, method, url }));
      }),
  );
}

// The word a cell shows for what curl saw.
export function cellOf(outcome: Outcome): string {
  return outcome.kind === 'response' ? String(outcome.status) : outcome.error;
}

export interface ComputeGridOptions {
  lab: LoadedLab;
  objects: readonly KubeObject[];
  settings: MeshSettings;
  step: { id: string; title: string };
  now: number;
}

// The grid for the cluster's objects now (changes are marked later, against the previous grid).
export async function computeGrid(options: ComputeGridOptions): Promise<MatrixGrid> {
  const { lab, objects, settings, now } = options;
  const namespaces = labNamespaces(lab, settings);
  const sources = pickSources(objects, namespaces);
  const rows = listDestinations(lab, objects, settings, namespaces);
  const mesh = createMesh(objects, settings);
  const cells: string[][] = [];
  for (const row of rows) {
    const line: string[] = [];
    for (const pod of sources.values()) {
      const from = { namespace: pod.metadata.namespace ?? 'default', pod: pod.metadata.name };
      const evaluation = await mesh
        .evaluate({ from, url: row.url, method: row.method, headers: {}, now, timeoutMs: CURL_MAX_TIME_MS })
        .catch(() => undefined);
      line.push(evaluation ? cellOf(evaluation.outcome) : 'not-run');
    }
    cells.push(line);
  }
  return { stepId: options.step.id, title: options.step.title, sources: [...sources.keys()], rows, cells, changed: [] };
}
