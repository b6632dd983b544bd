// `npm run bench -- labs`: the wall time of `labs verify --all` on the embedded cluster (start-up included,
// as a user meets it) and, per lab, its run time and the API requests it made.
import { execa } from 'execa';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Wall time of one CLI command, as a user meets it (node start-up and imports included).
async function timed(args: string[], env: Record<string, string>): Promise<number> {
  const started = performance.now();
  await execa('node', ['bin/labs.js', ...args], { reject: false, env });
  return performance.now() - started;
}

export async function run(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'labs-bench-'));
  const env = { LABS_HOME: join(dir, 'up-home') };
  console.log(`labs: \`labs --version\` (start-up alone) ${Math.round(await timed(['--version'], env))} ms`);
  console.log(`labs: \`labs up\` until the embedded cluster answers ${Math.round(await timed(['up'], env))} ms`);
  console.log(`labs: \`labs run ambient-waypoint\` on that cluster ${Math.round(await timed(['run', 'ambient-waypoint'], env))} ms`);
  await timed(['down'], env);
  console.log(`labs: \`labs run ambient-waypoint\` with its own cluster ${Math.round(await timed(['run', 'ambient-waypoint'], env))} ms`);
  const out = join(dir, 'report.json');
  const started = performance.now();
  const result = await execa('node', ['bin/labs.js', 'verify', '--all', '--reporter', 'json', '--out', out], {
    reject: false,
    env: { LABS_HOME: join(dir, 'home') },
  });
  const wall = performance.now() - started;
  console.log(`labs: verify --all took ${Math.round(wall)} ms wall (exit ${result.exitCode})`);
  const report = JSON.parse(await readFile(out, 'utf8')) as {
    labs: Array<{ lab: string; durationMs: number; apiRequests?: number; summary: { checks: number } }>;
  };
  for (const lab of report.labs) {
    console.log(`labs: ${lab.lab}: ${lab.durationMs} ms, ${lab.summary.checks} checks, ${lab.apiRequests ?? '?'} API requests`);
  }
}
