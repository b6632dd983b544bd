// `npm run codegen`: write schemas/lab.schema.json and docs/lab-format.md from src/lab/schema.ts.
// `npm run codegen -- --check` writes nothing and exits 1 when either file is stale (for CI).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GENERATED_FILES } from '../src/lab/json-schema.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const check = process.argv.includes('--check');
const stale: string[] = [];

for (const { path, render } of GENERATED_FILES) {
  const target = join(root, path);
  const text = render();
  const current = await readFile(target, 'utf8').catch(() => undefined);
  if (current === text) continue;
  if (check) {
    stale.push(path);
  } else {
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, text);
    console.log(`wrote ${path}`);
  }
}

if (stale.length) {
  console.error(`${stale.join(' and ')} ${stale.length === 1 ? 'is' : 'are'} stale: run \`npm run codegen\` and commit the result.`);
  process.exitCode = 1;
} else if (check) {
  console.log('generated files are up to date');
}
