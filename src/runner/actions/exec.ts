// `exec:` run a command in a pod, as `kubectl exec` does.
import type { RunContext } from '../context.ts';
import { resolvePod } from '../pods.ts';
import { emptyOutput, type ActionOutput } from './output.ts';

export async function runExec(action: { exec: { from: string; command: string[] } }, ctx: RunContext): Promise<ActionOutput> {
  const out = emptyOutput();
  const pod = await resolvePod(ctx.client, action.exec.from);
  const result = await ctx.client.exec(pod, action.exec.command);
  out.exitCode = result.exitCode;
  out.output = `${result.stdout}${result.stderr}`;
  out.detail.push(...out.output.split('\n').filter(Boolean).slice(0, 20));
  return out;
}
