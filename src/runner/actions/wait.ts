// `wait:` block until a resource is available, ready, deleted or has a condition, or fail the step.
import type { KubeObject } from '../../cluster/client.ts';
import type { RunContext } from '../context.ts';
import { parseDuration } from '../duration.ts';
import { until } from '../retry.ts';
import { emptyOutput, type ActionOutput } from './output.ts';

interface WaitSpec {
  resource: string;
  namespace?: string | undefined;
  for: string;
  timeout?: string | undefined;
}

const conditionTrue = (object: KubeObject, type: string) =>
  ((object.status?.conditions ?? []) as Array<{ type: string; status: string }>).some((c) => c.type === type && c.status === 'True');

// Whether the object is in the state `for` names (`kubectl wait --for=...` semantics).
export function holds(object: KubeObject | undefined, wanted: string): boolean {
  if (wanted === 'deleted') return object === undefined;
  if (!object) return false;
  if (wanted === 'available') return conditionTrue(object, 'Available');
  if (wanted === 'ready') {
    if (object.kind === 'Deployment') {
      const want = (object.spec?.replicas as number | undefined) ?? 1;
      return ((object.status?.readyReplicas as number | undefined) ?? 0) >= want;
    }
    return conditionTrue(object, 'Ready');
  }
  return conditionTrue(object, wanted.slice('condition='.length));
}

export async function runWait(action: { wait: WaitSpec }, ctx: RunContext): Promise<ActionOutput> {
  const out = emptyOutput();
  const ref = await ctx.client.refOf(action.wait.resource, action.wait.namespace);
  const timeoutMs = parseDuration(action.wait.timeout, 60_000);
  const result = await until(() => ctx.client.read(ref), (o) => holds(o, action.wait.for), {
    clock: ctx.clock,
    signal: ctx.signal,
    timeoutMs,
  });
  const what = `${action.wait.resource}${action.wait.namespace ? ` in ${action.wait.namespace}` : ''}`;
  if (result.last.matched) out.detail.push(`${what} is ${action.wait.for}`);
  else out.failure = `timed out after ${timeoutMs / 1000}s waiting for ${what} to be ${action.wait.for}`;
  return out;
}
