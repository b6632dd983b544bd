// `npm run bench [-- AREA ...]`: prints speed and memory figures; never asserts on them.
// Each area is a module in scripts/bench/ exporting `run(): Promise<void>` that prints its own lines.
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('./bench/', import.meta.url));
const available = (await readdir(dir)).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => f.slice(0, -3));
const asked = process.argv.slice(2).filter((a) => a !== '--');
const areas = asked.length > 0 ? asked : available;
for (const area of areas) {
  if (!available.includes(area)) {
    console.error(`bench: unknown area "${area}"; choose from ${available.join(', ')}`);
    process.exitCode = 2;
    continue;
  }
  const mod = (await import(`./bench/${area}.ts`)) as { run: () => Promise<void> };
  await mod.run();
}
