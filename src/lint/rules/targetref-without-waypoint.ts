// A targetRefs policy that no waypoint enforces: the Service it names is bound to no waypoint (no
// istio.io/use-waypoint on the Service or its namespace, no waypoint action), or the Gateway it names is created
// by nothing linted. Istio: pilot/pkg/serviceregistry/kube/controller/ambient/policies.go — such a policy is
// enforced nowhere (WaypointAccepted False, AncestorNotBound / TargetNotFound).
import type { LintContext, LintDocument, LintRule, RuleFinding } from '../types.ts';
import { isIstioPolicy, namespaceOf, targetRefsOf } from './policy-fields.ts';

const POLICY_KINDS = ['AuthorizationPolicy', 'RequestAuthentication'];

function labelsOf(
  ctx: LintContext,
  kind: string,
  ns: string | undefined,
  name: string,
): Record<string, string | null> | undefined {
  const doc = ctx.documents.find(
    (d) =>
      d.object.kind === kind &&
      d.object.metadata.name === name &&
      (ns === undefined || namespaceOf(d.object) === ns),
  );
  return doc ? (doc.object.metadata.labels ?? {}) : undefined;
}

function isServiceBound(ctx: LintContext, ns: string, name: string): boolean {
  const own = labelsOf(ctx, 'Service', ns, name)?.['istio.io/use-waypoint'];
  if (own === 'none') return false;
  if (own) return true;
  if (ctx.useWaypointLabels.has(`service/${ns}/${name}`)) return true;
  if (labelsOf(ctx, 'Namespace', undefined, ns)?.['istio.io/use-waypoint']) return true;
  return ctx.useWaypointLabels.has(`namespace/${ns}`) || ctx.waypointNamespaces.has(ns);
}

function hasGateway(ctx: LintContext, ns: string, name: string): boolean {
  return ctx.waypointGateways.has(`${ns}/${name}`) || labelsOf(ctx, 'Gateway', ns, name) !== undefined;
}

export const targetRefWithoutWaypointRule: LintRule = {
  id: 'targetref-without-waypoint',
  check(doc: LintDocument, ctx: LintContext): RuleFinding[] {
    const obj = doc.object;
    if (!POLICY_KINDS.some((k) => isIstioPolicy(obj, k))) return [];
    const ns = namespaceOf(obj);
    const findings: RuleFinding[] = [];
    for (const ref of targetRefsOf(obj)) {
      const core = ref.group === '' || ref.group === 'core';
      if (core && ref.kind === 'Service' && !isServiceBound(ctx, ns, ref.name)) {
        findings.push({
          rule: 'targetref-without-waypoint',
          severity: 'warning',
          path: ref.path,
          message: `no waypoint serves Service ${ns}/${ref.name}, so nothing enforces this ${obj.kind}: it fails open`,
          fix: `deploy a waypoint and label the Service or namespace istio.io/use-waypoint: <waypoint name>`,
        });
      }
      if (
        ref.group === 'gateway.networking.k8s.io' &&
        ref.kind === 'Gateway' &&
        !hasGateway(ctx, ns, ref.name)
      ) {
        findings.push({
          rule: 'targetref-without-waypoint',
          severity: 'warning',
          path: ref.path,
          message: `nothing linted creates the waypoint Gateway ${ns}/${ref.name}, so nothing may enforce this ${obj.kind}`,
          fix: `create it with a waypoint action (istioctl waypoint apply -n ${ns} --name ${ref.name})`,
        });
      }
    }
    return findings;
  },
};
