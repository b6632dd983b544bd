import { describe, expect, it } from 'vitest';
import { policyConditions } from './status.ts';
import { ambientNs, ap, helloworld, ns, svc, waypoint } from './testing/world.ts';
import type { KubeObject, StatusCondition } from './types.ts';

const base = (labels: Record<string, string> = {}, serviceLabels: Record<string, string> = {}): KubeObject[] => [ns('istio-system'), ambientNs('hello', labels), ...helloworld('hello', { serviceLabels })];
const svcRef = { targetRefs: [{ kind: 'Service', group: '', name: 'helloworld' }], action: 'ALLOW', rules: [{}] };

interface SRow {
  name: string;
  obj: KubeObject;
  objects: KubeObject[];
  expected: Partial<StatusCondition> | undefined;
}

const rows: SRow[] = [
  { name: '[service.go] an L4 selector policy is attached to ztunnel', obj: ap('hello', 'l4', { selector: { matchLabels: { app: 'helloworld' } }, rules: [{ from: [{ source: { principals: ['a'] } }] }] }), objects: base(), expected: { type: 'ZtunnelAccepted', status: 'True', reason: 'Accepted', message: 'attached to ztunnel' } },
  { name: '[authorization.go httpRuleFmt] an ALLOW with methods reports UnsupportedValue', obj: ap('hello', 'l7', { rules: [{ to: [{ operation: { methods: ['GET'], paths: ['/x'] } }] }] }), objects: base(), expected: { type: 'ZtunnelAccepted', status: 'True', reason: 'UnsupportedValue', message: 'ztunnel does not support HTTP attributes (found: methods, paths). In ambient mode you must use a waypoint proxy to enforce HTTP rules. Within an ALLOW policy, rules matching HTTP attributes are omitted. This will be more restrictive than requested.' } },
  { name: '[authorization.go httpDenyRuleBoilerplate] a DENY with notRequestPrincipals reports the 1.28 message', obj: ap('hello', 'deny', { action: 'DENY', rules: [{ from: [{ source: { notRequestPrincipals: ['*'] } }] }] }), objects: base(), expected: { status: 'True', reason: 'UnsupportedValue', message: 'ztunnel does not support HTTP attributes (found: notRequestPrincipals). In ambient mode you must use a waypoint proxy to enforce HTTP rules. DENY policy with HTTP attributes is enforced without the HTTP rules. This will be more restrictive than requested.' } },
  { name: '[authorization.go convertAuthorizationPolicy] CUSTOM is not supported by ztunnel', obj: ap('hello', 'ext', { action: 'CUSTOM', provider: { name: 'p' }, rules: [{}] }), objects: base(), expected: { type: 'ZtunnelAccepted', status: 'False', reason: 'UnsupportedValue', message: 'ztunnel does not support the CUSTOM action' } },
  { name: '[ambient/policies.go dryRun] a dry-run policy gets no condition in 1.26-1.28', obj: ap('hello', 'dry', { action: 'DENY', rules: [{}] }, { annotations: { 'istio.io/dry-run': 'true' } }), objects: base(), expected: undefined },
  { name: '[policies.go Service] a Service targetRef bound to a waypoint', obj: ap('hello', 'tr', svcRef), objects: [...base({ 'istio.io/use-waypoint': 'waypoint' }), ...waypoint('hello')], expected: { type: 'WaypointAccepted', status: 'True', reason: 'Accepted', message: 'bound to hello/waypoint' } },
  { name: '[policies.go Service] a Service targetRef without a waypoint is AncestorNotBound', obj: ap('hello', 'tr', svcRef), objects: base(), expected: { type: 'WaypointAccepted', status: 'False', reason: 'AncestorNotBound', message: 'Service hello/helloworld is not bound to a waypoint' } },
  { name: '[policies.go Service] a missing Service is TargetNotFound', obj: ap('hello', 'tr', { ...svcRef, targetRefs: [{ kind: 'Service', group: '', name: 'nope' }] }), objects: base(), expected: { status: 'False', reason: 'TargetNotFound', message: 'Service hello/nope was not found' } },
  { name: '[policies.go Gateway] a missing Gateway is TargetNotFound', obj: ap('hello', 'gw', { targetRefs: [{ kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'waypoint' }], action: 'DENY', rules: [{}] }), objects: base(), expected: { status: 'False', reason: 'TargetNotFound', message: 'not bound' } },
  { name: '[policies.go GatewayClass] outside the root namespace is Invalid', obj: ap('hello', 'cls', { targetRefs: [{ kind: 'GatewayClass', group: 'gateway.networking.k8s.io', name: 'istio-waypoint' }], action: 'DENY', rules: [{}] }), objects: base(), expected: { status: 'False', reason: 'Invalid', message: 'AuthorizationPolicy must be in the root namespace `istio-system` when referencing a GatewayClass' } },
  { name: '[service.go flattenConditions] one bound and one missing target is PartiallyInvalid', obj: ap('hello', 'two', { targetRefs: [{ kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'waypoint' }, { kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'nope' }], action: 'DENY', rules: [{}] }), objects: [...base(), ...waypoint('hello')], expected: { status: 'True', reason: 'PartiallyInvalid', message: 'Invalid targetRefs: Gateway.gateway.networking.k8s.io:hello/nope' } },
  { name: '[service.go GetConditions] a Service bound to its namespace waypoint', obj: svc('hello', 'web'), objects: [...base({ 'istio.io/use-waypoint': 'waypoint' }), ...waypoint('hello')], expected: { type: 'istio.io/WaypointBound', status: 'True', reason: 'WaypointAccepted', message: 'Successfully attached to waypoint hello/waypoint' } },
  { name: '[status.go ReportWaypointIsNotReady] a Service naming a missing waypoint', obj: svc('hello', 'web', { labels: { 'istio.io/use-waypoint': 'missing' } }), objects: base(), expected: { type: 'istio.io/WaypointBound', status: 'False', reason: 'WaypointIsNotReady', message: 'waypoint "hello/missing" is not ready' } },
  { name: '[status.go UnsupportedTrafficType] a workload-only waypoint does not bind a Service', obj: svc('hello', 'web'), objects: [...base({ 'istio.io/use-waypoint': 'waypoint' }), ...waypoint('hello', 'waypoint', { for: 'workload' })], expected: { status: 'False', reason: 'UnsupportedTrafficType', message: 'attempting to bind to traffic type "service" which the waypoint "hello/waypoint" does not support' } },
  { name: '[status.go ReportWaypointAttachmentDenied] a waypoint in another namespace that allows only Same', obj: svc('hello', 'web', { labels: { 'istio.io/use-waypoint': 'shared', 'istio.io/use-waypoint-namespace': 'infra' } }), objects: [...base(), ...waypoint('infra', 'shared')], expected: { status: 'False', reason: 'AttachmentDenied', message: 'we are not permitted to attach to waypoint "infra/shared" (missing allowedRoutes?)' } },
  { name: '[service.go] a Service with no waypoint label gets no condition', obj: svc('hello', 'web'), objects: base(), expected: undefined },
];

describe('policyConditions', () => {
  it.each(rows)('$name', ({ obj, objects, expected }) => {
    const conditions = policyConditions(obj, [...objects, obj]);
    if (expected === undefined) expect(conditions).toBeUndefined();
    else expect(conditions?.[0]).toMatchObject(obj.metadata.generation === undefined ? expected : { ...expected, observedGeneration: obj.metadata.generation });
  });

  it('writes nothing under the default (sidecar) profile', () => {
    expect(policyConditions(ap('hello', 'x', { rules: [{}] }), base(), { profile: 'default' })).toBeUndefined();
  });
});
