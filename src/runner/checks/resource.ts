// A resource check: read an object and compare its existence or one status condition with `expect`.
import type { ObjectRef } from '../../cluster/kinds.ts';
import type { ResourceCheck } from '../../lab/schema.ts';
import type { RunContext } from '../context.ts';
import { parseDuration } from '../duration.ts';
import type { CheckResult, ObservedResource } from '../events.ts';
import { consistently, until } from '../retry.ts';
import { errorText } from './request.ts';

type Condition = { type: string; status: string; reason?: string; message?: string };

export function resourceCheckName(check: ResourceCheck): string {
  const where = check.namespace ? `${check.namespace}/` : '';
  return check.name ?? `${where}${check.resource} ${describeResourceExpect(check.expect)}`;
}

function describeResourceExpect(expect: ResourceCheck['expect']): string {
  if (expect.condition) {
    const c = expect.condition;
    const parts = [`${c.type}=${c.status ?? 'any'}`, c.reason && `reason ${c.reason}`, c.message && `message ~ ${JSON.stringify(c.message)}`];
    return parts.filter(Boolean).join(', ');
  }
  return expect.exists === false ? 'is absent' : 'exists';
}

function matches(observed: ObservedResource, expect: ResourceCheck['expect']): boolean {
  if (expect.exists !== undefined && observed.exists !== expect.exists) return false;
  const want = expect.condition;
  if (!want) return true;
  const got = observed.condition;
  if (!got) return false;
  return (
    (want.status === undefined || got.status === want.status) &&
    (want.reason === undefined || got.reason === want.reason) &&
    (want.message === undefined || (got.message ?? '').includes(want.message))
  );
}

function describeObservedResource(observed: ObservedResource, type: string | undefined): string {
  if (!observed.exists) return 'the object does not exist';
  if (!type) return 'the object exists';
  const c = observed.condition;
  return c ? `${c.type}=${c.status}, reason ${c.reason ?? '-'}, message ${JSON.stringify(c.message ?? '')}` : `no ${type} condition`;
}

// Run one resource check to its verdict.
export async function runResourceCheck(check: ResourceCheck, stepId: string, ctx: RunContext): Promise<CheckResult> {
  const start = ctx.clock.now();
  const type = check.expect.condition?.type;
  // Resolved inside the attempts: a kind the cluster does not serve fails this check, not the run.
  let ref: ObjectRef | undefined;
  const observe = async (): Promise<ObservedResource> => {
    ref ??= await ctx.client.refOf(check.resource, check.namespace);
    const object = await ctx.client.read(ref);
    if (!object) return { exists: false };
    const conditions = (object.status?.conditions ?? []) as Condition[];
    const condition = type ? conditions.find((c) => c.type === type) : undefined;
    return { exists: true, ...(condition ? { condition } : {}) };
  };
  const test = (o: ObservedResource) => matches(o, check.expect);
  const options = { clock: ctx.clock, signal: ctx.signal, timeoutMs: parseDuration(check.timeout, ctx.convergenceMs) };
  const run =
    check.consistently !== undefined
      ? await consistently(observe, test, { ...options, durationMs: ctx.convergenceMs === 0 ? 0 : parseDuration(check.consistently, 0) })
      : await until(observe, test, options);
  const observed = run.last.value;
  const passed = run.last.matched;
  return {
    name: resourceCheckName(check),
    stepId,
    status: passed ? 'passed' : 'failed',
    expected: check.expect,
    ...(observed ? { observed } : {}),
    attempts: run.attempts,
    durationMs: ctx.clock.now() - start,
    ...(run.convergedMs !== undefined ? { convergedMs: run.convergedMs } : {}),
    ...(passed
      ? {}
      : {
          failure: `expected ${describeResourceExpect(check.expect)}; observed ${
            observed ? describeObservedResource(observed, type) : errorText(run.last.error)
          }`,
        }),
  };
}
