// `label:` set labels on one object (null removes one), a merge patch as `kubectl label --overwrite` sends.
import { KubeApiError } from '../../cluster/api-error.ts';
import type { RunContext } from '../context.ts';
import { emptyOutput, type ActionOutput } from './output.ts';

interface LabelSpec {
  resource: string;
  namespace?: string | undefined;
  labels: Record<string, string | null>;
}

export async function runLabel(action: { label: LabelSpec }, ctx: RunContext): Promise<ActionOutput> {
  const out = emptyOutput();
  const ref = await ctx.client.refOf(action.label.resource, action.label.namespace);
  try {
    await ctx.client.mergePatch(ref, { metadata: { labels: action.label.labels } });
    out.detail.push(`${action.label.resource} labeled`);
  } catch (error) {
    if (!(error instanceof KubeApiError)) throw error;
    out.rejections = [`${action.label.resource}: ${error.message}`];
  }
  return out;
}
