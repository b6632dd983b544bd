// Run any action by its YAML key, then weigh its outcome against its `expect`.
import { actionKind, type Action, type ActionExpect, type ActionKind } from '../../lab/schema.ts';
import type { RunContext } from '../context.ts';
import type { ActionResult } from '../events.ts';
import { asList, runApply } from './apply.ts';
import { runDelete } from './delete.ts';
import { runExec } from './exec.ts';
import { runKubectl } from './kubectl.ts';
import { runLabel } from './label.ts';
import type { ActionOutput } from './output.ts';
import { runWait } from './wait.ts';
import { runWaypoint } from './waypoint.ts';

type Runner = (action: any, ctx: RunContext) => Promise<ActionOutput>;

const RUNNERS: { [K in ActionKind]: Runner } = {
  apply: runApply,
  delete: runDelete,
  label: runLabel,
  waypoint: runWaypoint,
  kubectl: runKubectl,
  exec: runExec,
  wait: runWait,
};

const DESCRIBE: { [K in ActionKind]: (a: any) => string } = {
  apply: (a) => `apply ${asList(a.apply).join(', ')}`,
  delete: (a) => `delete ${asList(a.delete).join(', ')}`,
  label: (a) =>
    `label ${a.label.resource}${a.label.namespace ? ` -n ${a.label.namespace}` : ''} ${Object.entries(a.label.labels as Record<string, string | null>)
      .map(([k, v]) => (v === null ? `${k}-` : `${k}=${v}`))
      .join(' ')}`,
  waypoint: (a) =>
    `waypoint apply -n ${a.waypoint.namespace}${a.waypoint.name ? ` --name ${a.waypoint.name}` : ''}${a.waypoint.for ? ` --for ${a.waypoint.for}` : ''}${a.waypoint.enroll ? ' --enroll-namespace' : ''}`,
  kubectl: (a) => `kubectl ${a.kubectl}`,
  exec: (a) => `exec ${a.exec.from} -- ${(a.exec.command as string[]).join(' ')}`,
  wait: (a) => `wait ${a.wait.resource}${a.wait.namespace ? ` -n ${a.wait.namespace}` : ''} for ${a.wait.for}`,
};

// "apply manifests/01-x.yaml", "kubectl label ns hello ..." — how the action reads in reports.
export function describeAction(action: Action): string {
  return DESCRIBE[actionKind(action)](action);
}

// Why the output does not satisfy the expectation, or undefined when it does.
export function judgeAction(output: ActionOutput, expect: ActionExpect | undefined): string | undefined {
  if (output.failure) return output.failure;
  const rejections = output.rejections ?? [];
  if (expect?.rejected !== undefined) {
    if (rejections.length === 0) return `expected the API to refuse it with "${expect.rejected}"; it was accepted`;
    const unexpected = rejections.filter((r) => !r.includes(expect.rejected!));
    if (unexpected.length === rejections.length)
      return `expected a refusal containing "${expect.rejected}"; the API said:\n${unexpected.join('\n')}`;
    if (unexpected.length > 0) return `refused as expected, but the API also refused:\n${unexpected.join('\n')}`;
  } else if (rejections.length > 0) {
    return rejections.join('\n');
  }
  if (expect?.warning !== undefined && !output.warnings.some((w) => w.includes(expect.warning!))) {
    return `expected a warning containing "${expect.warning}"; ${output.warnings.length ? `warnings were: ${output.warnings.join(' | ')}` : 'there was none'}`;
  }
  if (output.exitCode !== undefined) {
    const wanted = expect?.exitCode ?? (expect?.output !== undefined ? undefined : 0);
    if (wanted !== undefined && output.exitCode !== wanted) {
      return `exited with code ${output.exitCode}, expected ${wanted}${output.output ? `:\n${indent(output.output)}` : ''}`;
    }
    if (expect?.output !== undefined && !(output.output ?? '').includes(expect.output)) {
      return `expected output containing "${expect.output}"; it printed:\n${indent(output.output ?? '')}`;
    }
  }
  return undefined;
}

const indent = (text: string) =>
  text
    .split('\n')
    .filter(Boolean)
    .slice(0, 20)
    .map((l) => `    ${l}`)
    .join('\n');

// Run one action of a step (or of setup) and emit its begin and end.
export async function runAction(action: Action, stepId: string, ctx: RunContext): Promise<ActionResult> {
  const description = describeAction(action);
  ctx.emit({ type: 'action:begin', stepId, action, description });
  let output: ActionOutput;
  try {
    output = await RUNNERS[actionKind(action)](action, ctx);
  } catch (error) {
    if ((error as { kind?: string }).kind === 'interrupted') throw error;
    output = { detail: [], warnings: [], failure: error instanceof Error ? error.message : String(error) };
  }
  const failure = judgeAction(output, action.expect);
  const detail = [...output.detail, ...output.warnings.map((w) => `Warning: ${w}`)];
  if (action.expect?.rejected !== undefined)
    for (const rejection of output.rejections ?? []) detail.push(`refused as expected: ${rejection.split('\n')[0]}`);
  const result: ActionResult = { stepId, description, status: failure ? 'failed' : 'passed', detail, ...(failure ? { failure } : {}) };
  ctx.emit({ type: 'action:end', result });
  return result;
}

// Run actions in order; stop at the first that fails (later ones build on it).
export async function runActions(actions: Action[] | undefined, stepId: string, ctx: RunContext): Promise<ActionResult[]> {
  const results: ActionResult[] = [];
  for (const action of actions ?? []) {
    const result = await runAction(action, stepId, ctx);
    results.push(result);
    if (result.status === 'failed') break;
  }
  return results;
}
