// The status conditions istiod writes: ZtunnelAccepted / WaypointAccepted on AuthorizationPolicies, and
// istio.io/WaypointBound on Services.
// Istio: pilot/pkg/model/service.go (GetConditions, flattenConditions), pilot/pkg/serviceregistry/kube/controller/
// ambient/policies.go (WaypointPolicyStatusCollection, AuthzDerivedPolicies), authorization.go (status messages)
// and status.go (waypoint binding errors).
import { groupOf, labelsOf } from './objects.ts';
import { hasTargetRefs, isDryRun, targetRefsOf, type TargetRef } from './policy-attachment.ts';
import { indexObjects, type Snapshot } from './snapshot.ts';
import { DEFAULT_MESH_SETTINGS, type KubeObject, type MeshSettings, type StatusCondition } from './types.ts';
import { allowsAttachment, isWaypointReady, waypointFor } from './waypoint.ts';
import { httpFieldsOfRule } from './ztunnel-policy.ts';

const HTTP_RULE =
  'ztunnel does not support HTTP attributes (found: %s). In ambient mode you must use a waypoint proxy to enforce HTTP rules. ';
const DENY_BOILERPLATE =
  'DENY policy with HTTP attributes is enforced without the HTTP rules. This will be more restrictive than requested.';
const ALLOW_BOILERPLATE =
  'Within an ALLOW policy, rules matching HTTP attributes are omitted. This will be more restrictive than requested.';

function condition(
  obj: KubeObject,
  type: string,
  status: boolean,
  reason: string,
  message: string,
): StatusCondition {
  const c: StatusCondition = { type, status: status ? 'True' : 'False', reason, message };
  if (obj.metadata.generation !== undefined) c.observedGeneration = obj.metadata.generation;
  return c;
}

function ztunnelCondition(policy: KubeObject): StatusCondition | undefined {
  if (isDryRun(policy)) return undefined; // 1.26-1.28: istiod drops dry-run policies before conversion, no status
  const action = (policy.spec?.action as string | undefined) ?? 'ALLOW';
  if (action !== 'ALLOW' && action !== 'DENY')
    return condition(
      policy,
      'ZtunnelAccepted',
      false,
      'UnsupportedValue',
      `ztunnel does not support the ${action} action`,
    );
  const l7 = [...new Set(((policy.spec?.rules ?? []) as any[]).flatMap(httpFieldsOfRule))].sort();
  if (l7.length > 0) {
    const message =
      HTTP_RULE.replace('%s', l7.join(', ')) + (action === 'DENY' ? DENY_BOILERPLATE : ALLOW_BOILERPLATE);
    return condition(policy, 'ZtunnelAccepted', true, 'UnsupportedValue', message);
  }
  return condition(policy, 'ZtunnelAccepted', true, 'Accepted', 'attached to ztunnel');
}

type Binding = { bound: boolean; reason: string; message: string; ancestor: string };

// Which waypoint serves a Service (or ServiceEntry), with istiod's error when none does.
export function serviceWaypoint(
  snap: Snapshot,
  svc: KubeObject,
): { waypoint?: string; error?: { reason: string; message: string } } {
  if (labelsOf(svc)['gateway.istio.io/managed'] === 'istio.io-mesh-controller') return {};
  const ns = svc.metadata.namespace ?? 'default';
  const own = labelsOf(svc)['istio.io/use-waypoint'];
  const nsLabels = labelsOf(snap.namespaces.get(ns));
  const source =
    own !== undefined
      ? labelsOf(svc)
      : nsLabels['istio.io/use-waypoint'] !== undefined
        ? nsLabels
        : undefined;
  const name = source?.['istio.io/use-waypoint'];
  if (!source || name === 'none' || !name) return {};
  const key = `${source['istio.io/use-waypoint-namespace'] ?? ns}/${name}`;
  const gw = snap.gateways.get(key);
  if (!gw || !isWaypointReady(gw))
    return { error: { reason: 'WaypointIsNotReady', message: `waypoint "${key}" is not ready` } };
  if (!allowsAttachment(snap, gw, ns)) {
    return {
      error: {
        reason: 'AttachmentDenied',
        message: `we are not permitted to attach to waypoint "${key}" (missing allowedRoutes?)`,
      },
    };
  }
  const type = waypointFor(snap, gw);
  if (type !== 'service' && type !== 'all')
    return {
      error: {
        reason: 'UnsupportedTrafficType',
        message: `attempting to bind to traffic type "service" which the waypoint "${key}" does not support`,
      },
    };
  return { waypoint: key };
}

function bindTarget(
  snap: Snapshot,
  policy: KubeObject,
  ref: TargetRef,
  objects: readonly KubeObject[],
): Binding {
  const ns = policy.metadata.namespace ?? 'default';
  const key = `${ns}/${ref.name}`;
  const ancestor = `${ref.kind}.${ref.group || 'core'}:${key}`;
  const notBound = (reason: string, message = 'not bound'): Binding => ({
    bound: false,
    reason,
    message,
    ancestor,
  });
  switch (ref.kind) {
    case 'GatewayClass': {
      const root = snap.settings.rootNamespace;
      if (ns !== root)
        return notBound(
          'Invalid',
          `AuthorizationPolicy must be in the root namespace \`${root}\` when referencing a GatewayClass`,
        );
      const cls = snap.gatewayClasses.get(ref.name);
      // istiod creates the istio-waypoint class itself, so it exists even when not among the objects.
      if (!cls && ref.name !== 'istio-waypoint') return notBound('TargetNotFound');
      if (cls && cls.spec?.controllerName !== 'istio.io/mesh-controller')
        return notBound(
          'Invalid',
          'GatewayClass must use controller name `istio.io/mesh-controller` for waypoints',
        );
      return { bound: true, reason: 'Accepted', message: `bound to ${ref.name}`, ancestor };
    }
    case 'Gateway': {
      const gw = snap.gateways.get(key);
      return gw && isWaypointReady(gw)
        ? { bound: true, reason: 'Accepted', message: `bound to ${key}`, ancestor }
        : notBound('TargetNotFound');
    }
    case 'Service':
    case 'ServiceEntry': {
      const target =
        ref.kind === 'Service'
          ? snap.services.get(key)
          : objects.find(
              (o) => o.kind === 'ServiceEntry' && o.metadata.namespace === ns && o.metadata.name === ref.name,
            );
      if (!target) return notBound('TargetNotFound', `${ref.kind} ${key} was not found`);
      const wp = serviceWaypoint(snap, target);
      return wp.waypoint
        ? { bound: true, reason: 'Accepted', message: `bound to ${wp.waypoint}`, ancestor }
        : notBound('AncestorNotBound', `${ref.kind} ${key} is not bound to a waypoint`);
    }
    default:
      return notBound('unknown');
  }
}

function waypointCondition(
  snap: Snapshot,
  policy: KubeObject,
  objects: readonly KubeObject[],
): StatusCondition {
  const bindings = targetRefsOf(policy).map((r) => bindTarget(snap, policy, r, objects));
  if (bindings.length === 1) {
    const b = bindings[0]!;
    return condition(policy, 'WaypointAccepted', b.bound, b.reason, b.message);
  }
  const bound = bindings.some((b) => b.bound);
  const unbound = bindings.filter((b) => !b.bound).map((b) => b.ancestor);
  const reason = bound ? (unbound.length > 0 ? 'PartiallyInvalid' : 'Accepted') : 'Invalid';
  return condition(
    policy,
    'WaypointAccepted',
    bound,
    reason,
    unbound.length > 0 ? `Invalid targetRefs: ${unbound.join(', ')}` : '',
  );
}

function serviceCondition(snap: Snapshot, svc: KubeObject): StatusCondition | undefined {
  const wp = serviceWaypoint(snap, svc);
  if (wp.error) return condition(svc, 'istio.io/WaypointBound', false, wp.error.reason, wp.error.message);
  if (!wp.waypoint) return undefined;
  const ingress =
    labelsOf(svc)['istio.io/ingress-use-waypoint'] ??
    labelsOf(snap.namespaces.get(svc.metadata.namespace ?? 'default'))['istio.io/ingress-use-waypoint'];
  let message = `Successfully attached to waypoint ${wp.waypoint}`;
  if (ingress === 'true') message += '. Ingress traffic will traverse the waypoint';
  else if (ingress !== undefined)
    message +=
      '. Ingress traffic is not using the waypoint, set the istio.io/ingress-use-waypoint label to true if desired.';
  return condition(svc, 'istio.io/WaypointBound', true, 'WaypointAccepted', message);
}

// The conditions istiod writes for one object, or undefined when it writes none (also for the default profile,
// where istiod's ambient controller, which writes them, is off).
export function policyConditions(
  obj: KubeObject,
  objects: readonly KubeObject[],
  settings?: Partial<MeshSettings>,
): StatusCondition[] | undefined {
  const s = { ...DEFAULT_MESH_SETTINGS, ...settings };
  if (s.profile !== 'ambient') return undefined;
  if (obj.kind === 'AuthorizationPolicy' && groupOf(obj) === 'security.istio.io') {
    if (!hasTargetRefs(obj)) {
      const c = ztunnelCondition(obj);
      return c ? [c] : undefined;
    }
    return [waypointCondition(indexObjects(objects, s), obj, objects)];
  }
  if (obj.kind === 'Service' && groupOf(obj) === '') {
    const c = serviceCondition(indexObjects(objects, s), obj);
    return c ? [c] : undefined;
  }
  return undefined;
}
