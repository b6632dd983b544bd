// `delete:` every object of the files, last document first; objects already gone are not an error.
import type { RunContext } from '../context.ts';
import { asList } from './apply.ts';
import { emptyOutput, objectName, type ActionOutput } from './output.ts';

export async function runDelete(action: { delete: string | string[] }, ctx: RunContext): Promise<ActionOutput> {
  const out = emptyOutput();
  const docs = asList(action.delete).flatMap((file) => ctx.lab.manifests.get(file) ?? []);
  for (const { object } of docs.reverse()) {
    const result = await ctx.client.remove({
      apiVersion: object.apiVersion,
      kind: object.kind,
      name: object.metadata.name,
      ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}),
    });
    out.detail.push(`${objectName(object)} ${result === 'deleted' ? 'deleted' : 'was already absent'}`);
  }
  return out;
}
