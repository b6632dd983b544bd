import { describe, it } from 'vitest';
import { expectRow, type Row } from './testing/run.ts';
import { ambientNs, ap, curlPod, helloworld, ns, pa, req, svc, pod, waypoint } from './testing/world.ts';
import type { KubeObject } from './types.ts';

const HW = 'http://helloworld.hello.svc.cluster.local:5000/hello';

// hello (ambient) runs helloworld; test (ambient) and legacy (not in the mesh) run curl.
function world(o: { hello?: Record<string, string>; extra?: KubeObject[]; serviceLabels?: Record<string, string>; podLabels?: Record<string, string> } = {}): KubeObject[] {
  return [ns('istio-system'), ambientNs('hello', o.hello), ambientNs('test'), ns('legacy'), ...helloworld('hello', { serviceLabels: o.serviceLabels, podLabels: o.podLabels }), curlPod('test'), curlPod('legacy'), ...(o.extra ?? [])];
}

const strict = pa('istio-system', 'default', { mtls: { mode: 'STRICT' } });
const allowL4 = (principals: string[]): KubeObject => ap('hello', 'allow-l4', { selector: { matchLabels: { app: 'helloworld' } }, action: 'ALLOW', rules: [{ from: [{ source: { principals } }] }] });

const enrolment: Row[] = [
  { name: '[docs:ambient/getting-started] ambient → ambient with no policy answers 200', objects: world(), request: req('test/curl', HW), expected: { status: 200, body: 'Hello version: v' } },
  { name: '[istio-cni values.yaml enablementSelectors] non-mesh → ambient without STRICT answers 200', objects: world(), request: req('legacy/curl', HW), expected: { status: 200 } },
  { name: '[ambient/authorization.go static strict] mesh STRICT resets a plaintext client (exit 56)', objects: world({ extra: [strict] }), request: req('legacy/curl', HW), expected: { error: 'reset' } },
  { name: '[lesson 001] mesh STRICT lets an ambient client through', objects: world({ extra: [strict] }), request: req('test/curl', HW), expected: { status: 200 } },
  { name: '[istio-cni enablementSelectors] pod label dataplane-mode=none opts out: STRICT no longer applies', objects: world({ extra: [strict], podLabels: { 'istio.io/dataplane-mode': 'none' } }), request: req('legacy/curl', HW), expected: { status: 200 } },
  { name: '[istio-cni enablementSelectors] pod label dataplane-mode=ambient enrols a pod in a plain namespace', objects: [ns('istio-system'), ns('hello'), ns('legacy'), ...helloworld('hello', { podLabels: { 'istio.io/dataplane-mode': 'ambient' } }), curlPod('legacy'), strict], request: req('legacy/curl', HW), expected: { error: 'reset' } },
  { name: '[notes §1.1] the default profile has no ztunnel: ambient labels do nothing', objects: world({ extra: [strict] }), request: req('legacy/curl', HW), expected: { status: 200 }, settings: { profile: 'default' } },
  { name: '[ambient/authorization.go convertedSelectorPeerAuthentications] namespace PERMISSIVE overrides mesh STRICT', objects: world({ extra: [strict, pa('hello', 'ns', { mtls: { mode: 'PERMISSIVE' } })] }), request: req('legacy/curl', HW), expected: { status: 200 } },
  { name: '[ambientindex_test.go] workload DISABLE overrides namespace STRICT in ambient (acts as PERMISSIVE)', objects: world({ extra: [pa('hello', 'ns', { mtls: { mode: 'STRICT' } }), pa('hello', 'wl', { selector: { matchLabels: { app: 'helloworld' } }, mtls: { mode: 'DISABLE' } })] }), request: req('legacy/curl', HW), expected: { status: 200 } },
  { name: '[policy_applier.go] a selector PeerAuthentication in the root namespace is ignored', objects: world({ extra: [pa('istio-system', 'rootsel', { selector: { matchLabels: { app: 'helloworld' } }, mtls: { mode: 'STRICT' } })] }), request: req('legacy/curl', HW), expected: { status: 200 } },
  { name: '[integration strict-permissive-ports] workload STRICT with port 5000 PERMISSIVE admits plaintext on 5000', objects: world({ extra: [pa('hello', 'wl', { selector: { matchLabels: { app: 'helloworld' } }, mtls: { mode: 'STRICT' }, portLevelMtls: { '5000': { mode: 'PERMISSIVE' } } })] }), request: req('legacy/curl', HW), expected: { status: 200 } },
  { name: '[integration global-permissive-strict-workload-ports] workload PERMISSIVE with port 5000 STRICT resets plaintext', objects: world({ extra: [pa('hello', 'wl', { selector: { matchLabels: { app: 'helloworld' } }, mtls: { mode: 'PERMISSIVE' }, portLevelMtls: { '5000': { mode: 'STRICT' } } })] }), request: req('legacy/curl', HW), expected: { error: 'reset' } },
  { name: '[authorization.go Unset branch] inherited STRICT with port 5000 DISABLE still resets (only PERMISSIVE opens a port)', objects: world({ extra: [strict, pa('hello', 'wl', { selector: { matchLabels: { app: 'helloworld' } }, portLevelMtls: { '5000': { mode: 'DISABLE' } } })] }), request: req('legacy/curl', HW), expected: { error: 'reset' } },
  { name: '[authorization.go Unset branch] inherited STRICT with port 5000 PERMISSIVE admits plaintext', objects: world({ extra: [strict, pa('hello', 'wl', { selector: { matchLabels: { app: 'helloworld' } }, portLevelMtls: { '5000': { mode: 'PERMISSIVE' } } })] }), request: req('legacy/curl', HW), expected: { status: 200 } },
  { name: '[authorization.go getOldestPeerAuthn] the oldest namespace PeerAuthentication wins', objects: world({ extra: [pa('hello', 'b-new', { mtls: { mode: 'PERMISSIVE' } }, { created: '2026-01-02T00:00:00Z' }), pa('hello', 'a-old', { mtls: { mode: 'STRICT' } }, { created: '2026-01-01T00:00:00Z' })] }), request: req('legacy/curl', HW), expected: { error: 'reset' } },
];

const ztunnelAuthz: Row[] = [
  { name: '[lesson 002 task 3] ALLOW principals admits the listed identity at ztunnel', objects: world({ extra: [allowL4(['cluster.local/ns/test/sa/curl'])] }), request: req('test/curl', HW), expected: { status: 200 } },
  { name: '[ztunnel state.rs assert_rbac] ALLOW principals for someone else resets (allow policies exist, but none allowed)', objects: world({ extra: [allowL4(['cluster.local/ns/other/sa/default'])] }), request: req('test/curl', HW), expected: { error: 'reset' } },
  { name: '[ambient/workloads.go GetLabelSelector] selector: {} attaches to no workload: an allow-nothing policy changes nothing at ztunnel', objects: world({ extra: [ap('hello', 'allow-nothing', { selector: {} })] }), request: req('test/curl', HW), expected: { status: 200 } },
  { name: '[ambient/authorization.go stringToMatch] at ztunnel a * inside a namespaces value is a literal: te*t does not admit test', objects: world({ extra: [ap('hello', 'ns-glob', { selector: { matchLabels: { app: 'helloworld' } }, action: 'ALLOW', rules: [{ from: [{ source: { namespaces: ['te*t'] } }] }] })] }), request: req('test/curl', HW), expected: { error: 'reset' } },
  { name: '[notes §3.4] principals written with spiffe:// never match', objects: world({ extra: [allowL4(['spiffe://cluster.local/ns/test/sa/curl'])] }), request: req('test/curl', HW), expected: { error: 'reset' } },
  { name: '[ztunnel rbac.rs StringMatch] a suffix principal *sa/curl matches', objects: world({ extra: [allowL4(['*/sa/curl'])] }), request: req('test/curl', HW), expected: { status: 200 } },
  { name: '[ztunnel rbac.rs] a plaintext client never matches a positive principals list', objects: world({ extra: [allowL4(['*'])] }), request: req('legacy/curl', HW), expected: { error: 'reset' } },
  { name: '[notes §9.11] notNamespaces ALLOW admits a plaintext client under PERMISSIVE', objects: world({ extra: [ap('hello', 'not-ns', { action: 'ALLOW', rules: [{ from: [{ source: { notNamespaces: ['other'] } }] }] })] }), request: req('legacy/curl', HW), expected: { status: 200 } },
  { name: '[authorization.go handleRule] ALLOW with methods is dropped whole at ztunnel: nothing else allows, reset', objects: world({ extra: [ap('hello', 'hello-world-authz', { selector: { matchLabels: { app: 'helloworld' } }, action: 'ALLOW', rules: [{ from: [{ source: { namespaces: ['test'] } }], to: [{ operation: { methods: ['GET'] } }] }] })] }), request: req('test/curl', HW), expected: { error: 'reset' } },
  { name: '[authorization.go handleRule] a pure-L4 rule beside a dropped L7 rule still allows', objects: world({ extra: [ap('hello', 'mixed', { action: 'ALLOW', rules: [{ to: [{ operation: { methods: ['GET'] } }] }, { from: [{ source: { namespaces: ['test'] } }] }] })] }), request: req('test/curl', HW), expected: { status: 200 } },
  { name: '[notes §3.6, istio#61126] DENY with only methods is a no-op at ztunnel', objects: world({ extra: [ap('hello', 'deny-get', { action: 'DENY', rules: [{ to: [{ operation: { methods: ['GET'] } }] }] })] }), request: req('test/curl', HW), expected: { status: 200 } },
  { name: '[notes §3.6] DENY notRequestPrincipals * alone is a no-op at ztunnel', objects: world({ extra: [ap('hello', 'require-jwt', { action: 'DENY', rules: [{ from: [{ source: { notRequestPrincipals: ['*'] } }] }] })] }), request: req('test/curl', HW), expected: { status: 200 } },
  { name: '[notes §3.6] DENY ports 5000 + methods POST denies all of port 5000 at ztunnel', objects: world({ extra: [ap('hello', 'deny-post', { action: 'DENY', rules: [{ to: [{ operation: { ports: ['5000'], methods: ['POST'] } }] }] })] }), request: req('test/curl', HW), expected: { error: 'reset' } },
  { name: '[notes §3.6] DENY principals X + notRequestPrincipals denies everything from X', objects: world({ extra: [ap('hello', 'deny-x', { action: 'DENY', rules: [{ from: [{ source: { principals: ['cluster.local/ns/test/sa/curl'], notRequestPrincipals: ['*'] } }] }] })] }), request: req('test/curl', HW), expected: { error: 'reset' } },
  { name: '[notes §3.6] DENY with an L7 when key is a no-op at ztunnel', objects: world({ extra: [ap('hello', 'deny-hdr', { action: 'DENY', rules: [{ when: [{ key: 'request.headers[x-token]', values: ['bad'] }] }] })] }), request: req('test/curl', HW, { headers: { 'x-token': 'bad' } }), expected: { status: 200 } },
  { name: '[authorization.go l4WhenAttributes] DENY when source.namespace is L4 and denies', objects: world({ extra: [ap('hello', 'deny-ns', { action: 'DENY', rules: [{ when: [{ key: 'source.namespace', values: ['test'] }] }] })] }), request: req('test/curl', HW), expected: { error: 'reset' } },
  { name: '[rbac_empty_policy] spec {} (allow-nothing) in the namespace denies everything', objects: world({ extra: [ap('hello', 'allow-nothing', {})] }), request: req('test/curl', HW), expected: { error: 'reset' } },
  { name: '[authorization_policy.proto] ALLOW rules [{}] allows everything', objects: world({ extra: [ap('hello', 'allow-all', { action: 'ALLOW', rules: [{}] })] }), request: req('legacy/curl', HW), expected: { status: 200 } },
  { name: '[authorization_policy.proto] DENY beats ALLOW', objects: world({ extra: [ap('hello', 'allow-all', { action: 'ALLOW', rules: [{}] }), ap('hello', 'deny-all', { action: 'DENY', rules: [{}] })] }), request: req('test/curl', HW), expected: { error: 'reset' } },
  { name: '[authorization.go Scope_GLOBAL] a root-namespace DENY with no selector applies to every ambient workload', objects: world({ extra: [ap('istio-system', 'global-deny', { action: 'DENY', rules: [{ from: [{ source: { namespaces: ['test'] } }] }] })] }), request: req('test/curl', HW), expected: { error: 'reset' } },
  { name: '[policyattachment.go] a selector policy that does not match the pod does not apply', objects: world({ extra: [ap('hello', 'other', { selector: { matchLabels: { app: 'other' } }, action: 'DENY', rules: [{}] })] }), request: req('test/curl', HW), expected: { status: 200 } },
  { name: '[authorization.go convertAuthorizationPolicy] CUSTOM is not sent to ztunnel', objects: world({ extra: [ap('hello', 'ext', { action: 'CUSTOM', provider: { name: 'opa' }, rules: [{}] })] }), request: req('test/curl', HW), expected: { status: 200 } },
  { name: '[ambient/policies.go dryRun] a dry-run DENY is not enforced in ambient (1.26+)', objects: world({ extra: [ap('hello', 'dry', { action: 'DENY', rules: [{}] }, { annotations: { 'istio.io/dry-run': 'true' } })] }), request: req('test/curl', HW), expected: { status: 200 } },
  { name: '[ztunnel rbac.rs destination_ports] ports are the target port: DENY 5000 applies to Service port 5000 → 5000', objects: world({ extra: [ap('hello', 'deny-port', { action: 'DENY', rules: [{ to: [{ operation: { ports: ['5000'] } }] }] })] }), request: req('test/curl', HW), expected: { error: 'reset' } },
  { name: '[ztunnel rbac.rs source_ips] ipBlocks match the client pod IP at ztunnel', objects: world({ extra: [ap('hello', 'deny-ip', { action: 'DENY', rules: [{ from: [{ source: { ipBlocks: ['10.244.0.0/16'] } }] }] })] }), request: req('test/curl', HW), expected: { error: 'reset' } },
  { name: '[authorization.go stringToServiceAccountMatch] serviceAccounts test/curl allows the curl SA', objects: world({ extra: [ap('hello', 'sa', { action: 'ALLOW', rules: [{ from: [{ source: { serviceAccounts: ['test/curl'] } }] }] })] }), request: req('test/curl', HW), expected: { status: 200 } },
];

const gw = (extra: KubeObject[] = []): KubeObject[] => world({ hello: { 'istio.io/use-waypoint': 'waypoint' }, extra: [...waypoint('hello'), ...extra] });
const l7 = (spec: object): KubeObject => ap('hello', 'l7', { targetRefs: [{ kind: 'Service', group: '', name: 'helloworld' }], ...spec });

const waypoints: Row[] = [
  { name: '[waypoints.go] a namespace waypoint carries ambient traffic to the Service: 200', objects: gw(), request: req('test/curl', HW), expected: { status: 200 } },
  { name: '[policyattachment.go targetRefs Service] L7 ALLOW GET at the waypoint admits GET', objects: gw([l7({ action: 'ALLOW', rules: [{ to: [{ operation: { methods: ['GET'] } }] }] })]), request: req('test/curl', HW), expected: { status: 200 } },
  { name: '[builder.go] L7 ALLOW GET at the waypoint answers POST with 403 RBAC: access denied', objects: gw([l7({ action: 'ALLOW', rules: [{ to: [{ operation: { methods: ['GET'] } }] }] })]), request: req('test/curl', HW, { method: 'POST' }), expected: { status: 403, body: 'RBAC: access denied' } },
  { name: '[lesson 002 task 5] DENY rules [{}] on the waypoint Gateway answers 403', objects: gw([ap('hello', 'deny-all', { targetRefs: [{ kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'waypoint' }], action: 'DENY', rules: [{}] })]), request: req('test/curl', HW), expected: { status: 403 } },
  { name: '[policies.go GatewayClass] a root-namespace policy targeting GatewayClass istio-waypoint applies to every waypoint', objects: gw([ap('istio-system', 'deny-class', { targetRefs: [{ kind: 'GatewayClass', group: 'gateway.networking.k8s.io', name: 'istio-waypoint' }], action: 'DENY', rules: [{}] })]), request: req('test/curl', HW), expected: { status: 403 } },
  { name: '[notes §2.3, otaru#3129] a selector ALLOW for the client SA denies the waypoint identity: 503 UC', objects: gw([allowL4(['cluster.local/ns/test/sa/curl'])]), request: req('test/curl', HW), expected: { status: 503, body: 'upstream connect error or disconnect/reset before headers. reset reason: connection termination' } },
  { name: '[docs getting-started snip_update_l4_policy] allowing sa/waypoint at ztunnel lets waypoint traffic through', objects: gw([allowL4(['cluster.local/ns/test/sa/curl', 'cluster.local/ns/hello/sa/waypoint'])]), request: req('test/curl', HW), expected: { status: 200 } },
  { name: '[baseline_test.go TestAuthorizationWaypointDefaultDeny] waypoints ignore selector policies, even when they match', objects: gw([ap('hello', 'deny-sel', { selector: { matchLabels: { 'gateway.networking.k8s.io/gateway-name': 'waypoint' } }, action: 'DENY', rules: [{}] })]), request: req('test/curl', HW), expected: { status: 200 } },
  { name: '[notes §2.2, istio.io#17520] a pod-IP call bypasses a service waypoint and its L7 DENY', objects: gw([l7({ action: 'DENY', rules: [{}] })]), request: req('test/curl', 'http://POD_IP:5000/hello'), expected: { status: 200 } },
  { name: '[notes §1.2 inbound_passthrough.rs] a non-mesh client never goes through the waypoint', objects: gw([l7({ action: 'DENY', rules: [{}] })]), request: req('legacy/curl', HW), expected: { status: 200 } },
  { name: '[notes §9.5] a targetRefs policy without a bound waypoint is enforced nowhere', objects: world({ extra: [l7({ action: 'DENY', rules: [{}] })] }), request: req('test/curl', HW), expected: { status: 200 } },
  { name: '[waypoints.go getUseWaypoint] use-waypoint=none on the Service opts out of the namespace waypoint', objects: world({ hello: { 'istio.io/use-waypoint': 'waypoint' }, serviceLabels: { 'istio.io/use-waypoint': 'none' }, extra: [...waypoint('hello'), l7({ action: 'DENY', rules: [{}] })] }), request: req('test/curl', HW), expected: { status: 200 } },
  { name: '[waypoints.go fetchWaypointForTarget] a Service label naming a missing waypoint does not fall back to the namespace one', objects: world({ hello: { 'istio.io/use-waypoint': 'waypoint' }, serviceLabels: { 'istio.io/use-waypoint': 'missing' }, extra: [...waypoint('hello'), ap('hello', 'deny-gw', { targetRefs: [{ kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'waypoint' }], action: 'DENY', rules: [{}] })] }), request: req('test/curl', HW), expected: { status: 200 } },
  { name: '[notes §9.7] istio.io/waypoint=enabled is not a waypoint label', objects: world({ hello: { 'istio.io/waypoint': 'enabled' }, extra: [...waypoint('hello'), ap('hello', 'deny-gw', { targetRefs: [{ kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'waypoint' }], action: 'DENY', rules: [{}] })] }), request: req('test/curl', HW), expected: { status: 200 } },
  { name: '[waypoints.go fetchWaypointForWorkload] a service-only waypoint does not take pod-addressed traffic', objects: world({ hello: { 'istio.io/use-waypoint': 'waypoint' }, extra: [...waypoint('hello', 'waypoint', { for: 'service' }), ap('hello', 'deny-gw', { targetRefs: [{ kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'waypoint' }], action: 'DENY', rules: [{}] })] }), request: req('test/curl', 'http://POD_IP:5000/hello'), expected: { status: 200 } },
  { name: '[waypoints.go] waypoint-for=all takes pod-addressed traffic too', objects: world({ hello: { 'istio.io/use-waypoint': 'waypoint' }, extra: [...waypoint('hello', 'waypoint', { for: 'all' }), ap('hello', 'deny-gw', { targetRefs: [{ kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'waypoint' }], action: 'DENY', rules: [{}] })] }), request: req('test/curl', 'http://POD_IP:5000/hello'), expected: { status: 403 } },
  { name: '[notes §2.2 rule 5] a Gateway without status.addresses is not a waypoint yet', objects: world({ hello: { 'istio.io/use-waypoint': 'waypoint' }, extra: [...waypoint('hello', 'waypoint', { ready: false }), l7({ action: 'DENY', rules: [{}] })] }), request: req('test/curl', HW), expected: { status: 200 } },
  { name: '[notes §2.2] a programmed waypoint whose pod is not ready leaves ambient clients with a reset', objects: world({ hello: { 'istio.io/use-waypoint': 'waypoint' }, extra: waypoint('hello').map((o) => (o.kind === 'Pod' ? { ...o, status: { ...o.status, conditions: [{ type: 'Ready', status: 'False' }] } } : o)) }), request: req('test/curl', HW), expected: { error: 'reset' } },
  { name: '[waypoints.go AllowsAttachmentFromNamespace] a waypoint in another namespace with the default allowedRoutes (Same) is not used', objects: world({ hello: { 'istio.io/use-waypoint': 'shared', 'istio.io/use-waypoint-namespace': 'infra' }, extra: [ambientNs('infra'), ...waypoint('infra', 'shared'), ap('infra', 'deny', { targetRefs: [{ kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'shared' }], action: 'DENY', rules: [{}] })] }), request: req('test/curl', HW), expected: { status: 200 } },
  { name: '[waypoints.go AllowsAttachmentFromNamespace] allowedRoutes from All lets another namespace use the waypoint', objects: world({ hello: { 'istio.io/use-waypoint': 'shared', 'istio.io/use-waypoint-namespace': 'infra' }, extra: [ambientNs('infra'), ...waypoint('infra', 'shared').map((o) => (o.kind === 'Gateway' ? { ...o, spec: { ...o.spec, listeners: [{ name: 'mesh', port: 15008, protocol: 'HBONE', allowedRoutes: { namespaces: { from: 'All' } } }] } } : o)), ap('infra', 'deny', { targetRefs: [{ kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'shared' }], action: 'DENY', rules: [{}] })] }), request: req('test/curl', HW), expected: { status: 403 } },
  { name: '[builder.go] the waypoint sees the client identity: ALLOW principals of the client at the waypoint', objects: gw([l7({ action: 'ALLOW', rules: [{ from: [{ source: { principals: ['cluster.local/ns/test/sa/curl'] } }] }] })]), request: req('test/curl', HW), expected: { status: 200 } },
  { name: '[notes §3.4 hosts] hosts without the port do not match an authority with :5000', objects: gw([l7({ action: 'ALLOW', rules: [{ to: [{ operation: { hosts: ['helloworld.hello.svc.cluster.local'] } }] }] })]), request: req('test/curl', HW), expected: { status: 403 } },
  { name: '[docs best-practices "Writing Host Match Policies"] a host prefix match admits the authority with a port', objects: gw([l7({ action: 'ALLOW', rules: [{ to: [{ operation: { hosts: ['helloworld.hello.svc.cluster.local*'] } }] }] })]), request: req('test/curl', HW), expected: { status: 200 } },
  { name: '[authorization_policy.proto paths] a path prefix /hel* matches /hello', objects: gw([l7({ action: 'DENY', rules: [{ to: [{ operation: { paths: ['/hel*'] } }] }] })]), request: req('test/curl', HW), expected: { status: 403 } },
  { name: '[docs normalization BASE] %68ello is normalized to /hello before a path DENY', objects: gw([l7({ action: 'DENY', rules: [{ to: [{ operation: { paths: ['/hello'] } }] }] })]), request: req('test/curl', 'http://helloworld.hello.svc.cluster.local:5000/%68ello'), expected: { status: 403 } },
  { name: '[notes §3.4] a * in the middle of a path is literal', objects: gw([l7({ action: 'DENY', rules: [{ to: [{ operation: { paths: ['/h*o'] } }] }] })]), request: req('test/curl', HW), expected: { status: 200 } },
  { name: '[notes §3.5] header notValues also matches a request without the header', objects: gw([l7({ action: 'DENY', rules: [{ when: [{ key: 'request.headers[x-role]', notValues: ['admin'] }] }] })]), request: req('test/curl', HW), expected: { status: 403 } },
  { name: '[notes §3.5] header values match case-insensitive header names', objects: gw([l7({ action: 'ALLOW', rules: [{ when: [{ key: 'request.headers[X-Role]', values: ['admin'] }] }] })]), request: req('test/curl', HW, { headers: { 'x-role': 'admin' } }), expected: { status: 200 } },
  { name: '[ztunnel outbound: service waypoint] Service traffic goes through the waypoint even to an opted-out pod', objects: world({ hello: { 'istio.io/use-waypoint': 'waypoint' }, podLabels: { 'istio.io/dataplane-mode': 'none' }, extra: [...waypoint('hello'), l7({ action: 'DENY', rules: [{ to: [{ operation: { methods: ['GET'] } }] }] })] }), request: req('test/curl', HW), expected: { status: 403 } },
  { name: '[ztunnel outbound: service waypoint] the waypoint reaches an opted-out pod in plaintext', objects: world({ hello: { 'istio.io/use-waypoint': 'waypoint' }, podLabels: { 'istio.io/dataplane-mode': 'none' }, extra: [...waypoint('hello')] }), request: req('test/curl', HW), expected: { status: 200 } },
  { name: '[ztunnel inbound.rs SERVICE_UNAVAILABLE] no listener behind a waypoint: the HBONE CONNECT fails and the waypoint answers 503', objects: gw([{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'hw-bad', namespace: 'hello' }, spec: { selector: { app: 'helloworld' }, ports: [{ port: 80, targetPort: 9999 }], clusterIP: '10.96.250.1' } }]), request: req('test/curl', 'http://hw-bad.hello/'), expected: { status: 503, body: 'connection termination' } },
  { name: '[notes §3.4 methods] methods are case-sensitive', objects: gw([l7({ action: 'ALLOW', rules: [{ to: [{ operation: { methods: ['get'] } }] }] })]), request: req('test/curl', HW), expected: { status: 403 } },
];

function withPodIp(row: Row): Row {
  if (!row.request.url.includes('POD_IP')) return row;
  const target = row.objects.find((o) => o.kind === 'Pod' && o.metadata.name.startsWith('helloworld-v1'));
  return { ...row, request: { ...row.request, url: row.request.url.replace('POD_IP', target?.status.podIP as string) } };
}

describe('ambient enrolment and PeerAuthentication at ztunnel', () => {
  it.each(enrolment)('$name', async (row) => expectRow(row));
});

describe('AuthorizationPolicy at the destination ztunnel', () => {
  it.each(ztunnelAuthz)('$name', async (row) => expectRow(row));
});

describe('waypoints', () => {
  it.each(waypoints.map(withPodIp))('$name', async (row) => expectRow(row));
});

describe('sidecar clients and ambient servers', () => {
  const objects = (extra: KubeObject[]): KubeObject[] => [...world({ hello: { 'istio.io/use-waypoint': 'waypoint' }, extra: [...waypoint('hello'), ...extra] }), ns('side'), pod('side', 'client', { sa: 'client', sidecar: true })];
  const rows: Row[] = [
    { name: '[endpoint_builder.go findServiceWaypoint] a sidecar client skips the waypoint and its L7 DENY', objects: objects([l7({ action: 'DENY', rules: [{}] })]), request: req('side/client', HW), expected: { status: 200 } },
    { name: '[notes §3.8] a ztunnel denial seen by a sidecar client is a 503 from its own Envoy', objects: objects([allowL4(['cluster.local/ns/test/sa/curl'])]), request: req('side/client', HW), expected: { status: 503, body: 'connection termination' } },
    { name: '[docs add-workloads] mesh STRICT admits a sidecar client of an ambient pod', objects: objects([strict]), request: req('side/client', HW), expected: { status: 200 } },
  ];
  it.each(rows)('$name', async (row) => expectRow(row));
  it.each([{ name: 'svc', s: svc('hello', 'x') }])('a Service without pods is refused for non-mesh clients ($name)', async ({ s }) =>
    expectRow({ name: 'no endpoints', objects: [...world(), s], request: req('legacy/curl', 'http://x.hello/'), expected: { error: 'refused' } }),
  );
});
