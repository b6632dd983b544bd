// An evaluation in words a learner follows: the path, each decision with its policy, the verdict, what curl shows.
import type { Evaluation, KubeObject, Outcome, TraceEntry } from '../mesh/index.ts';
import { callerAt, describePolicy, enforcerOf } from './policy-words.ts';

export interface ExplainedRequest {
  method: string;
  url: string;
  from: { namespace: string; pod: string };
}

const MARK: Record<TraceEntry['verdict'], string> = { pass: '✓', allow: '✓', deny: '✗', info: '·' };

// What curl prints for an outcome: the status line, or curl's error line.
export function describeCurlOutcome(outcome: Outcome): string[] {
  if (outcome.kind === 'error') return [`curl: (${outcome.curlExit}) ${outcome.message}`];
  const body = outcome.body.split('\n')[0] ?? '';
  const status = `HTTP/${outcome.httpVersion} ${outcome.status} ${outcome.statusText}`.trimEnd();
  return body ? [status, body.length > 160 ? `${body.slice(0, 157)}...` : body] : [status];
}

// The hops the request crosses, in order, without the DNS lookups.
function describePath(trace: readonly TraceEntry[], from: ExplainedRequest['from']): string {
  const hops: string[] = [`${from.namespace}/${from.pod}`];
  for (const e of trace) {
    if (e.hop !== 'dns' && e.hop !== 'client' && !e.where.startsWith('Service ') && !hops.includes(e.where))
      hops.push(e.where);
  }
  return hops.join(' → ');
}

// The sentence that says who decided, e.g. "denied by ztunnel in ns: AuthorizationPolicy x allows only ...; the caller is ...".
export function describeVerdict(evaluation: Evaluation, objects: readonly KubeObject[]): string {
  const { trace, outcome } = evaluation;
  const decisive =
    trace.find((e) => e.verdict === 'deny' && e.policy) ?? trace.find((e) => e.verdict === 'deny');
  if (!decisive) {
    return outcome.kind === 'response'
      ? `allowed: the request reaches the destination, which answers ${outcome.status}`
      : `no policy denies it, yet curl fails: ${outcome.message}`;
  }
  const policy = describePolicy(decisive, objects);
  if (!policy) return `denied by ${enforcerOf(decisive)}: ${decisive.message}`;
  const caller = callerAt(decisive, trace);
  const who = caller
    ? `the caller is ${caller}`
    : 'the caller is not in the mesh and sends plaintext, with no identity';
  return `denied by ${enforcerOf(decisive)}: ${policy}; ${who}`;
}

// The whole explanation, one line per entry.
export function formatEvaluation(
  evaluation: Evaluation,
  request: ExplainedRequest,
  objects: readonly KubeObject[],
): string[] {
  const lines = [
    `${request.method} ${request.url} from ${request.from.namespace}/${request.from.pod}`,
    `path: ${describePath(evaluation.trace, request.from)}`,
  ];
  for (const e of evaluation.trace) {
    lines.push(`  ${MARK[e.verdict]} ${e.hop === 'dns' ? 'dns' : e.where}: ${e.message}`);
    if (e.policy)
      lines.push(
        `      ${e.policy.kind} ${e.policy.namespace}/${e.policy.name}${e.policy.rule !== undefined ? `, rule ${e.policy.rule}` : ''}`,
      );
  }
  lines.push(`verdict: ${describeVerdict(evaluation, objects)}`);
  const [first, ...rest] = describeCurlOutcome(evaluation.outcome);
  lines.push(`curl shows: ${first}`, ...rest.map((l) => `            ${l}`));
  return lines;
}
