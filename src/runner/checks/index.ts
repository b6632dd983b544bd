// Run any check: a request (curl from a pod) or a look at a resource.
import { isRequestCheck, type Check } from '../../lab/schema.ts';
import type { RunContext } from '../context.ts';
import type { CheckResult } from '../events.ts';
import { formatCurlCommand, requestCheckName, runRequestCheck } from './request.ts';
import { resourceCheckName, runResourceCheck } from './resource.ts';

export function checkName(check: Check): string {
  return isRequestCheck(check) ? requestCheckName(check) : resourceCheckName(check);
}

export function checkCommand(check: Check): string | undefined {
  return isRequestCheck(check) ? formatCurlCommand(check) : undefined;
}

// Run one check and emit its begin and end; `facts` adds what the step knows (vacuous under --discriminate).
export async function runCheck(check: Check, stepId: string, ctx: RunContext, facts: Partial<CheckResult> = {}): Promise<CheckResult> {
  ctx.emit({ type: 'check:begin', stepId, check, name: checkName(check), ...(isRequestCheck(check) ? { command: formatCurlCommand(check) } : {}) });
  const result = { ...(isRequestCheck(check) ? await runRequestCheck(check, stepId, ctx) : await runResourceCheck(check, stepId, ctx)), ...facts };
  ctx.emit({ type: 'check:end', result });
  return result;
}
