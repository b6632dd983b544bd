// `apply:` server-side apply (field manager labs) of every document in the files, recorded in the inventory.
// A refused document does not stop the others, as with `kubectl apply -f`: the refusals are judged afterwards.
import { KubeApiError } from '../../cluster/api-error.ts';
import type { RunContext } from '../context.ts';
import { LAB_LABEL } from '../inventory.ts';
import { objectName, emptyOutput, type ActionOutput } from './output.ts';

export const asList = (paths: string | string[]) => (typeof paths === 'string' ? [paths] : paths);

// The API's refusal, as STYLE.md asks: the object, the API's words, then where it came from.
export function formatRejection(error: KubeApiError, where: { kind: string; name: string; file: string; index: number }): string {
  const causes = (error.status.details?.causes ?? [])
    .map((c) => `  - ${c.field ? `${c.field}: ` : ''}${c.message ?? ''}`)
    .sort();
  return [
    `${where.kind} ${where.name} was refused by the API server (${error.code} ${error.status.reason ?? ''}): ${error.message}`,
    ...causes,
    `  from ${where.file}, document ${where.index}`,
  ].join('\n');
}

export async function runApply(action: { apply: string | string[] }, ctx: RunContext): Promise<ActionOutput> {
  const out = emptyOutput();
  for (const file of asList(action.apply)) {
    for (const doc of ctx.lab.manifests.get(file) ?? []) {
      const object = structuredClone(doc.object);
      object.metadata.labels = { ...object.metadata.labels, [LAB_LABEL]: ctx.lab.lab.name };
      try {
        const { warnings } = await ctx.client.apply(object);
        ctx.inventory.record(object);
        out.detail.push(`${objectName(object)} applied`);
        out.warnings.push(...warnings);
      } catch (error) {
        if (!(error instanceof KubeApiError)) throw error;
        const name = `${object.metadata.namespace ? `${object.metadata.namespace}/` : ''}${object.metadata.name}`;
        (out.rejections ??= []).push(formatRejection(error, { kind: object.kind, name, file, index: doc.index }));
      }
    }
  }
  return out;
}
