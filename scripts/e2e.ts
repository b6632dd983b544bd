// `npm run e2e`: every lab on real clusters. With LABS_E2E=1 and a Docker daemon, for each target
// (LABS_E2E_TARGETS, default "kind,k3s") and Istio version (LABS_E2E_ISTIO, default 1.28.0): labs up,
// labs verify --all (JUnit into LABS_E2E_OUT, default e2e-results/), labs down. Otherwise it says why it
// skips, in one line, and exits 0.
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const env = process.env;

// Why the e2e run cannot happen here, or undefined when it can
async function reasonToSkip(): Promise<string | undefined> {
  if (env.LABS_E2E !== '1') return 'LABS_E2E is not 1 (set LABS_E2E=1 to run every lab on kind and k3s; needs Docker)';
  const docker = await execa('docker', ['info', '--format', '{{.ServerVersion}}'], { reject: false, timeout: 15_000 });
  if ((docker as { code?: string }).code === 'ENOENT') return 'the docker CLI is not on PATH';
  if (docker.exitCode !== 0) return `no Docker daemon answers (docker info: ${String(docker.stderr).trim().split('\n')[0]})`;
  return undefined;
}

// Run `labs ARGS` with the output streamed; resolves to its exit code
async function labs(args: string[]): Promise<number> {
  console.log(`$ labs ${args.join(' ')}`);
  const result = await execa(process.execPath, [join(root, 'bin', 'labs.js'), ...args], { cwd: root, stdio: 'inherit', reject: false });
  return result.exitCode ?? 1;
}

async function runTarget(target: string, istio: string, out: string): Promise<boolean> {
  const junit = join(out, `${target}-${istio}.xml`);
  try {
    if ((await labs(['up', '--target', target, '--istio', istio])) !== 0) return false;
    return (await labs(['verify', '--all', '--target', target, '--istio', istio, '--reporter', 'junit', '--out', junit])) === 0;
  } finally {
    if (env.LABS_E2E_KEEP !== '1') await labs(['down', '--target', target]);
  }
}

const skip = await reasonToSkip();
if (skip) {
  console.log(`e2e: skipped: ${skip}`);
} else {
  const targets = (env.LABS_E2E_TARGETS ?? 'kind,k3s').split(',').map((t) => t.trim()).filter(Boolean);
  const versions = (env.LABS_E2E_ISTIO ?? '1.28.0').split(',').map((v) => v.trim()).filter(Boolean);
  const out = resolve(root, env.LABS_E2E_OUT ?? 'e2e-results');
  await mkdir(out, { recursive: true });
  const failed: string[] = [];
  for (const target of targets) {
    for (const istio of versions) {
      if (!(await runTarget(target, istio, out))) failed.push(`${target} × Istio ${istio}`);
    }
  }
  console.log(failed.length === 0 ? `e2e: every lab passed on ${targets.join(', ')}` : `e2e: failed on ${failed.join('; ')}`);
  process.exitCode = failed.length === 0 ? 0 : 1;
}
