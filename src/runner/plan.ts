// `labs run --dry-run`: every API call and command a lab would make, in order, without a cluster.
import { actionKind, isRequestCheck, type Action, type Check } from '../lab/schema.ts';
import { describeAction } from './actions/index.ts';
import { formatCurlCommand } from './checks/request.ts';
import type { RunnableLab } from './context.ts';

function planAction(action: Action, lab: RunnableLab): string[] {
  const kind = actionKind(action);
  if (kind === 'apply' || kind === 'delete') {
    const files = (action as unknown as Record<string, string | string[]>)[kind]!;
    return (typeof files === 'string' ? [files] : files).flatMap((file) =>
      (lab.manifests.get(file) ?? []).map(
        ({ object, index }) =>
          `api ${kind === 'apply' ? 'apply (server-side, field manager labs)' : 'delete'} ${object.kind}/${object.metadata.namespace ? `${object.metadata.namespace}/` : ''}${object.metadata.name}   # ${file} document ${index}`,
      ),
    );
  }
  if (kind === 'kubectl') return [`run ${describeAction(action)}`];
  return [`${kind === 'wait' || kind === 'waypoint' || kind === 'label' ? 'api' : 'exec'} ${describeAction(action)}`];
}

function planCheck(check: Check): string {
  return isRequestCheck(check) ? `check ${formatCurlCommand(check)}` : `check api get ${check.namespace ? `${check.namespace}/` : ''}${check.resource}`;
}

// The lab's plan: an inventory read and clean start, setup, then each step's actions and checks.
export function planLab(lab: RunnableLab): string[] {
  const name = lab.lab.name;
  return [
    `api get configmap/default/labs-inventory-${name}   # delete what an earlier run applied`,
    ...(lab.lab.setup ?? []).flatMap((a) => planAction(a, lab)),
    ...lab.lab.steps.flatMap((step) => [
      `# step ${step.id}: ${step.title}`,
      ...(step.actions ?? []).flatMap((a) => planAction(a, lab)),
      ...(step.checks ?? []).map(planCheck),
    ]),
  ];
}
