// The labs a command names, loaded all before anything runs (a broken lab fails fast with exit 2), and the
// images they need for --preload.
import { listImages } from '../cluster/images.ts';
import { defaultLabsDir, loadLab, type LoadedLab } from '../lab/index.ts';
import type { CliContext } from './context.ts';

export async function loadLabs(ctx: CliContext, names: string[]): Promise<LoadedLab[]> {
  const loaded: LoadedLab[] = [];
  for (const name of names) loaded.push(await loadLab(name, { labsDir: defaultLabsDir(ctx.cwd), cwd: ctx.cwd }));
  return loaded;
}

// With --preload: the images of every workload in the labs' manifests, plus Istio's at the version.
export function imagesToPreload(labs: LoadedLab[], wanted: boolean | undefined): ((istio: string) => string[]) | undefined {
  if (!wanted) return undefined;
  const docs = labs.flatMap((lab) => [...lab.manifests.values()].flat().map((d) => d.object));
  return (istio) => listImages(docs, istio);
}
