// `waypoint:` what `istioctl waypoint apply -n NS [--for T] [--enroll-namespace] --wait` does: a Gateway of
// class istio-waypoint with the HBONE listener on 15008, then wait until it is Programmed, and then until its
// Deployment is available: Programmed only says the waypoint's Service exists (Istio:
// pilot/pkg/config/kube/gateway/conversion.go), and a check sent at once would race the proxy starting.
// Istio: istioctl/pkg/waypoint/waypoint.go — the Gateway it applies and the namespace label it writes.
import type { KubeObject } from '../../cluster/client.ts';
import type { RunContext } from '../context.ts';
import { until } from '../retry.ts';
import { emptyOutput, type ActionOutput } from './output.ts';

interface WaypointSpec {
  namespace: string;
  name?: string | undefined;
  for?: 'service' | 'workload' | 'all' | 'none' | undefined;
  enroll?: boolean | undefined;
}

const PROGRAMMED_TIMEOUT_MS = 90_000; // istioctl's --waypoint-timeout default

// The Gateway istioctl would apply for these flags.
export function waypointGateway(spec: WaypointSpec): KubeObject {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: {
      name: spec.name ?? 'waypoint',
      namespace: spec.namespace,
      ...(spec.for ? { labels: { 'istio.io/waypoint-for': spec.for } } : {}),
    },
    spec: { gatewayClassName: 'istio-waypoint', listeners: [{ name: 'mesh', port: 15008, protocol: 'HBONE' }] },
  };
}

const isAvailable = (d: KubeObject | undefined) =>
  d !== undefined && ((d.status?.readyReplicas as number | undefined) ?? 0) >= ((d.spec?.replicas as number | undefined) ?? 1);

const isProgrammed = (gw: KubeObject | undefined) =>
  ((gw?.status?.conditions ?? []) as Array<{ type: string; status: string }>).some((c) => c.type === 'Programmed' && c.status === 'True');

export async function runWaypoint(action: { waypoint: WaypointSpec }, ctx: RunContext): Promise<ActionOutput> {
  const out = emptyOutput();
  const gateway = waypointGateway(action.waypoint);
  const name = gateway.metadata.name;
  const { warnings } = await ctx.client.apply(gateway);
  ctx.inventory.record(gateway);
  out.warnings.push(...warnings);
  out.detail.push(`waypoint ${action.waypoint.namespace}/${name} applied`);
  const ref = { apiVersion: gateway.apiVersion, kind: 'Gateway', namespace: action.waypoint.namespace, name };
  const patience = { clock: ctx.clock, signal: ctx.signal, timeoutMs: PROGRAMMED_TIMEOUT_MS };
  const wait = await until(() => ctx.client.read(ref), isProgrammed, patience);
  if (!wait.last.matched) {
    out.failure = `waypoint ${action.waypoint.namespace}/${name} was not Programmed after ${PROGRAMMED_TIMEOUT_MS / 1000}s`;
    return out;
  }
  const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: action.waypoint.namespace, name };
  const started = await until(() => ctx.client.read(deployment), isAvailable, patience);
  if (!started.last.matched) {
    out.failure = `waypoint ${action.waypoint.namespace}/${name} is Programmed, but its Deployment was not available after ${PROGRAMMED_TIMEOUT_MS / 1000}s`;
    return out;
  }
  out.detail.push(`waypoint ${action.waypoint.namespace}/${name} is ready!`);
  if (action.waypoint.enroll) {
    await ctx.client.mergePatch(
      { apiVersion: 'v1', kind: 'Namespace', name: action.waypoint.namespace },
      { metadata: { labels: { 'istio.io/use-waypoint': name } } },
    );
    out.detail.push(`namespace ${action.waypoint.namespace} labeled with "istio.io/use-waypoint: ${name}"`);
  }
  return out;
}
