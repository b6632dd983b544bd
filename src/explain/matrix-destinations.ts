// The requests of the matrix: each Service port of the lab's namespaces, with the methods worth trying.
import type { LoadedLab } from '../lab/index.ts';
import type { KubeObject, Mesh, MeshSettings } from '../mesh/index.ts';
import type { MatrixRow } from '../report/matrix.ts';
import { GATEWAY_LABEL } from './matrix-sources.ts';

const L7_OPERATION_FIELDS = ['methods', 'notMethods', 'paths', 'notPaths', 'hosts', 'notHosts'];

// The path the lab's own checks request on a Service port, else one the app behind it answers, else "/".
function pathFor(lab: LoadedLab, mesh: Mesh, svc: KubeObject, port: number): string {
  const ns = svc.metadata.namespace ?? 'default';
  const hosts = new Set([
    svc.metadata.name,
    `${svc.metadata.name}.${ns}`,
    `${svc.metadata.name}.${ns}.svc`,
    `${svc.metadata.name}.${ns}.svc.cluster.local`,
  ]);
  for (const step of lab.lab.steps) {
    for (const check of step.checks ?? []) {
      if (!('url' in check)) continue;
      const url = URL.canParse(check.url) ? new URL(check.url) : undefined;
      if (url && hosts.has(url.hostname) && Number(url.port || 80) === port) return url.pathname;
    }
  }
  return mesh.samplePath({ namespace: ns, name: svc.metadata.name }, port) ?? '/';
}

function hasL7Operation(policy: KubeObject): boolean {
  const rules = Array.isArray(policy.spec?.rules) ? (policy.spec.rules as any[]) : [];
  return rules.some((r) =>
    (Array.isArray(r?.to) ? (r.to as any[]) : []).some((t) =>
      L7_OPERATION_FIELDS.some((f) => Array.isArray(t?.operation?.[f])),
    ),
  );
}

// Whether an HTTP-aware AuthorizationPolicy may apply to a Service: it targets the Service or a Gateway/GatewayClass,
// or it selects workloads the Service's selector could match (namespace-wide when it has no selector).
function mayApplyTo(policy: KubeObject, svc: KubeObject, settings: MeshSettings): boolean {
  const ns = policy.metadata.namespace;
  if (ns !== svc.metadata.namespace && ns !== settings.rootNamespace) return false;
  const refs = [
    ...((policy.spec?.targetRefs ?? []) as any[]),
    ...(policy.spec?.targetRef ? [policy.spec.targetRef] : []),
  ];
  if (refs.length > 0)
    return refs.some(
      (r) =>
        (r.kind === 'Service' && r.name === svc.metadata.name) ||
        r.kind === 'Gateway' ||
        r.kind === 'GatewayClass',
    );
  const wanted = (policy.spec?.selector?.matchLabels ?? {}) as Record<string, string>;
  const selector = (svc.spec?.selector ?? {}) as Record<string, string>;
  return Object.entries(wanted).every(([k, v]) => selector[k] === undefined || selector[k] === v);
}

function methodsFor(objects: readonly KubeObject[], svc: KubeObject, settings: MeshSettings): string[] {
  const l7 = objects.some(
    (o) => o.kind === 'AuthorizationPolicy' && hasL7Operation(o) && mayApplyTo(o, svc, settings),
  );
  return l7 ? ['GET', 'POST', 'DELETE'] : ['GET'];
}

// Whether a Service fronts a waypoint or gateway deployment (its selector is the Gateway's name label).
function isGatewayService(svc: KubeObject): boolean {
  return (
    svc.spec?.selector?.[GATEWAY_LABEL] !== undefined ||
    svc.metadata.labels?.['gateway.istio.io/managed'] !== undefined
  );
}

// The requests of the grid: each Service port of the lab's namespaces (not waypoints), GET, and POST/DELETE where L7 rules apply.
export function listDestinations(
  lab: LoadedLab,
  mesh: Mesh,
  objects: readonly KubeObject[],
  settings: MeshSettings,
  namespaces: ReadonlySet<string>,
): MatrixRow[] {
  const services = objects
    .filter((o) => o.kind === 'Service' && namespaces.has(o.metadata.namespace ?? '') && !isGatewayService(o))
    .sort((a, b) =>
      `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(
        `${b.metadata.namespace}/${b.metadata.name}`,
      ),
    );
  return services.flatMap((svc) =>
    ((svc.spec?.ports ?? []) as Array<{ port: number; protocol?: string }>)
      .filter((p) => (p.protocol ?? 'TCP') === 'TCP')
      .flatMap((p) => {
        const host = `${svc.metadata.name}.${svc.metadata.namespace}`;
        const url = `http://${host}.svc.${settings.clusterDomain}:${p.port}${pathFor(lab, mesh, svc, p.port)}`;
        return methodsFor(objects, svc, settings).map((method) => ({
          destination: `${host}:${p.port}`,
          method,
          url,
        }));
      }),
  );
}
