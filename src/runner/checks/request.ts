// A request check: curl from a pod, the outcome parsed, compared with `expect`, retried until it converges.
import type { RequestCheck } from '../../lab/schema.ts';
import type { RunContext } from '../context.ts';
import { parseDuration } from '../duration.ts';
import type { CheckResult, ObservedOutcome } from '../events.ts';
import { resolvePod } from '../pods.ts';
import { consistently, until } from '../retry.ts';
import { findDrift } from './drift.ts';
import { describeObserved, describeOutcome, matchesOutcome, parseCurlOutput } from './outcome.ts';

// Above Envoy's default connect timeout (10s, Istio pkg/config/mesh/mesh.go), so a waypoint's 503 after a
// dropped upstream connection reaches curl before curl gives up.
const CURL_MAX_TIME_S = 20;

// The curl argv a check stands for; the bearer token is read from the lab's files.
export function buildCurlCommand(check: RequestCheck, files: Map<string, string>): string[] {
  const argv = ['curl', '-sS', '-i', '--max-time', String(CURL_MAX_TIME_S)];
  const method = check.method ?? 'GET';
  // curl -X HEAD would wait for a body that never comes: -I asks for the headers only.
  if (method === 'HEAD') argv.push('-I');
  // With --data curl would switch to POST; the format says the method is GET unless the check names another.
  else if (method !== 'GET' || check.data !== undefined) argv.push('-X', method);
  for (const [name, value] of Object.entries(check.headers ?? {})) argv.push('-H', `${name}: ${value}`);
  if (check.bearer !== undefined) argv.push('-H', `Authorization: Bearer ${(files.get(check.bearer) ?? '').trim()}`);
  if (check.data !== undefined) argv.push('--data', check.data);
  argv.push(check.url);
  return argv;
}

const quote = (arg: string) => (/^[\w./:=@%+,-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);

// The plain kubectl command a learner would type for the check.
export function formatCurlCommand(check: RequestCheck): string {
  const [namespace, second, third] = check.from.split('/');
  const target = third === undefined ? second : `deploy/${third}`;
  const argv = buildCurlCommand(check, new Map()).map((arg) =>
    check.bearer !== undefined && arg.startsWith('Authorization: Bearer ')
      ? `"Authorization: Bearer $(cat ${check.bearer})"`
      : quote(arg),
  );
  return `kubectl exec -n ${namespace} ${target} -- ${argv.join(' ')}`;
}

export function requestCheckName(check: RequestCheck): string {
  return check.name ?? `${check.from} -> ${check.method ?? 'GET'} ${check.url}`;
}

// Run one request check to its verdict.
export async function runRequestCheck(check: RequestCheck, stepId: string, ctx: RunContext): Promise<CheckResult> {
  const start = ctx.clock.now();
  let output = '';
  const observe = async (): Promise<ObservedOutcome> => {
    const pod = await resolvePod(ctx.client, check.from);
    const result = await ctx.client.exec(pod, buildCurlCommand(check, ctx.lab.files));
    output = `${result.stdout}${result.stderr}`;
    return parseCurlOutput(result);
  };
  const matches = (o: ObservedOutcome) => matchesOutcome(o, check.expect);
  const options = { clock: ctx.clock, signal: ctx.signal, timeoutMs: parseDuration(check.timeout, ctx.convergenceMs) };
  const run =
    check.consistently !== undefined
      ? await consistently(observe, matches, {
          ...options,
          durationMs: ctx.convergenceMs === 0 ? 0 : parseDuration(check.consistently, 0),
        })
      : await until(observe, matches, options);
  const observed = run.last.value;
  const passed = run.last.matched;
  const failure = passed
    ? undefined
    : `expected ${describeOutcome(check.expect)}; observed ${
        observed ? describeObserved(observed) : errorText(run.last.error)
      }${run.attempts > 1 ? ` after ${Math.round(run.elapsedMs / 1000)}s (${run.attempts} attempts)` : ''}`;
  const drift = findDrift(check.documented, observed);
  const explanation = passed ? undefined : await explain(check, ctx);
  return {
    name: requestCheckName(check),
    stepId,
    status: passed ? 'passed' : 'failed',
    command: formatCurlCommand(check),
    expected: check.expect,
    ...(observed ? { observed } : {}),
    attempts: run.attempts,
    durationMs: ctx.clock.now() - start,
    ...(run.convergedMs !== undefined ? { convergedMs: run.convergedMs } : {}),
    ...(drift ? { drift } : {}),
    ...(output ? { output } : {}),
    ...(failure ? { failure } : {}),
    ...(explanation ? { explanation } : {}),
  };
}

// The explanation of a failed check, if the caller offers one; an explanation that fails is left out.
async function explain(check: RequestCheck, ctx: RunContext): Promise<string[] | undefined> {
  if (!ctx.explainFailure) return undefined;
  const headers: Record<string, string> = { ...check.headers };
  if (check.bearer !== undefined) headers.Authorization = `Bearer ${(ctx.lab.files.get(check.bearer) ?? '').trim()}`;
  try {
    return await ctx.explainFailure({ from: check.from, url: check.url, method: check.method ?? 'GET', headers });
  } catch {
    return undefined;
  }
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
