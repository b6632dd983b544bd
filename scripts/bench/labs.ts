// `npm run bench -- labs`: what a user waits for on the embedded cluster, start-up included, run from the
// bundle that `npm install` builds: a lab of 10 checks (the runner issue's yardstick), `labs up`, and
// `labs verify --all` with each lab's run time and API requests.
import { execa } from 'execa';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HELLO_URL, writeInlineLab } from '../../src/cli/testing/inline-lab.ts';
import { buildBundle } from '../build.ts';

// Wall time of one CLI command, as a user meets it (node start-up and imports included).
async function timed(args: string[], env: Record<string, string>): Promise<number> {
  const started = performance.now();
  await execa('node', ['bin/labs.js', ...args], { reject: false, env });
  return performance.now() - started;
}

async function tenCheckLab(): Promise<string> {
  const check = `      - from: test/deploy/curl\n        url: ${HELLO_URL}\n        expect: { status: 200 }\n`;
  return writeInlineLab({ name: 'ten-checks', steps: `  - id: ten\n    title: Ten requests\n    checks:\n${check.repeat(10)}` });
}

const ms = (n: number) => `${Math.round(n)} ms`;

export async function run(): Promise<void> {
  await buildBundle();
  const dir = await mkdtemp(join(tmpdir(), 'labs-bench-'));
  const env = { LABS_HOME: join(dir, 'up-home') };
  const ten = await tenCheckLab();
  const runs: number[] = [];
  for (let i = 0; i < 11; i++) runs.push(await timed(['run', ten], { LABS_HOME: join(dir, 'ten-home') }));
  runs.sort((a, b) => a - b);
  console.log(`labs: \`labs run\` of a lab of 10 checks, start-up included: median ${ms(runs[5]!)}, fastest ${ms(runs[0]!)} (11 runs)`);
  console.log(`labs: \`labs --version\` (start-up alone) ${ms(await timed(['--version'], env))}`);
  console.log(`labs: \`labs up\` until the embedded cluster answers ${ms(await timed(['up'], env))}`);
  console.log(`labs: \`labs run ambient-waypoint\` on that cluster ${ms(await timed(['run', 'ambient-waypoint'], env))}`);
  await timed(['down'], env);
  console.log(`labs: \`labs run ambient-waypoint\` with its own cluster ${ms(await timed(['run', 'ambient-waypoint'], env))}`);
  const out = join(dir, 'report.json');
  const started = performance.now();
  const result = await execa('node', ['bin/labs.js', 'verify', '--all', '--reporter', 'json', '--out', out], {
    reject: false,
    env: { LABS_HOME: join(dir, 'home') },
  });
  const wall = performance.now() - started;
  console.log(`labs: verify --all took ${ms(wall)} wall (exit ${result.exitCode})`);
  const report = JSON.parse(await readFile(out, 'utf8')) as {
    labs: Array<{ lab: string; durationMs: number; apiRequests?: number; summary: { checks: number } }>;
  };
  for (const lab of report.labs) {
    console.log(`labs: ${lab.lab}: ${lab.durationMs} ms, ${lab.summary.checks} checks, ${lab.apiRequests ?? '?'} API requests`);
  }
}
