// `labs doctor`: what this machine has for real targets (Docker, kind, kubectl, cached istioctl, Node,
// GitHub releases), each check ok or with what to install or fix. The embedded target needs only Node.
import { access, readdir } from 'node:fs/promises';
import { constants } from 'node:fs';
import { join } from 'node:path';
import type { CommandRunner } from './command.ts';
import { defaultReleaseBaseUrl } from './istio/release.ts';

export type DoctorStatus = 'ok' | 'warn' | 'missing';

export interface DoctorCheck {
  name: string; // "Docker daemon"
  status: DoctorStatus;
  detail: string; // what was found
  fix?: string; // what to do, when not ok
}

export interface DoctorReport {
  checks: DoctorCheck[];
}

export interface DoctorDeps {
  runner: CommandRunner;
  fetch: typeof fetch;
  cacheDir: string;
  nodeVersion: string; // process.versions.node
  releasesUrl?: string; // default: Istio's GitHub releases
  timeoutMs?: number; // per network or command check, default 5000
}

const firstLine = (text: string) => text.trim().split('\n')[0] ?? '';

// The cached istioctl versions (folders istioctl-<version> holding an executable istioctl)
export async function listCachedIstioctl(cacheDir: string): Promise<string[]> {
  const entries = await readdir(cacheDir, { withFileTypes: true }).catch(() => []);
  const versions = entries.filter((entry) => entry.isDirectory() && /^istioctl-\d+\.\d+\.\d+$/.test(entry.name));
  const usable = await Promise.all(
    versions.map((entry) => access(join(cacheDir, entry.name, 'istioctl'), constants.X_OK).then(() => entry.name.slice(9), () => undefined)),
  );
  return usable.filter((version): version is string => version !== undefined).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

function checkNode(version: string): DoctorCheck {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const ok = major > 20 || (major === 20 && minor >= 19);
  return ok
    ? { name: 'Node.js', status: 'ok', detail: `v${version}` }
    : { name: 'Node.js', status: 'missing', detail: `v${version}`, fix: 'Install Node.js 20.19 or newer (https://nodejs.org/).' };
}

async function checkTool(
  deps: DoctorDeps,
  tool: { name: string; command: string; args: string[]; fix: string; read: (stdout: string) => string },
): Promise<DoctorCheck> {
  const result = await deps.runner.run(tool.command, tool.args, { timeoutMs: deps.timeoutMs ?? 5000 });
  if (result.missing) return { name: tool.name, status: 'missing', detail: 'not found on PATH', fix: tool.fix };
  if (result.exitCode !== 0) {
    return { name: tool.name, status: 'missing', detail: firstLine(result.stderr) || `exit code ${result.exitCode}`, fix: tool.fix };
  }
  return { name: tool.name, status: 'ok', detail: tool.read(result.stdout) };
}

async function checkReleases(deps: DoctorDeps): Promise<DoctorCheck> {
  const url = deps.releasesUrl ?? defaultReleaseBaseUrl.replace(/\/download$/, '');
  const name = 'GitHub releases';
  try {
    const response = await deps.fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(deps.timeoutMs ?? 5000) });
    if (response.status < 500) return { name, status: 'ok', detail: `${url} answered ${response.status}` };
    return { name, status: 'warn', detail: `${url} answered ${response.status}`, fix: 'GitHub may be down; cached istioctl versions still work.' };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      name,
      status: 'warn',
      detail: `${url} not reachable (${reason})`,
      fix: 'istioctl and Gateway API downloads need https://github.com; cached istioctl versions still work offline.',
    };
  }
}

// The checks a real target cannot do without (istioctl and GitHub only warn: a cached istioctl works offline).
const NEEDED: Record<string, string[]> = {
  kind: ['Node.js', 'Docker client', 'Docker daemon', 'kind', 'kubectl'],
  k3s: ['Node.js', 'Docker client', 'Docker daemon', 'kubectl'],
  context: ['Node.js', 'kubectl'],
};

// What a target (kind, k3s, context=NAME) needs that the report found missing; undefined for an unknown target.
export function missingFor(report: DoctorReport, target: string): DoctorCheck[] | undefined {
  const needed = NEEDED[target.startsWith('context=') ? 'context' : target];
  return needed && report.checks.filter((check) => check.status === 'missing' && needed.includes(check.name));
}

// Run every check; none of them changes anything
export async function runDoctor(deps: DoctorDeps): Promise<DoctorReport> {
  const docker = 'Install Docker (https://docs.docker.com/get-docker/); needed for --target kind and --target k3s.';
  const [dockerClient, dockerDaemon, kind, kubectl, releases] = await Promise.all([
    checkTool(deps, {
      name: 'Docker client',
      command: 'docker',
      args: ['--version'],
      fix: docker,
      read: (stdout) => /version ([^\s,]+)/.exec(stdout)?.[1] ?? firstLine(stdout),
    }),
    checkTool(deps, {
      name: 'Docker daemon',
      command: 'docker',
      args: ['info', '--format', '{{.ServerVersion}}'],
      fix: 'Start Docker (or install it: https://docs.docker.com/get-docker/); needed for --target kind and --target k3s.',
      read: (stdout) => `server ${firstLine(stdout)}`,
    }),
    checkTool(deps, {
      name: 'kind',
      command: 'kind',
      args: ['version', '-q'],
      fix: 'Install kind (https://kind.sigs.k8s.io/docs/user/quick-start/#installation); needed for --target kind.',
      read: (stdout) => `v${firstLine(stdout).replace(/^v/, '')}`,
    }),
    checkTool(deps, {
      name: 'kubectl',
      command: 'kubectl',
      args: ['version', '--client', '-o', 'json'],
      fix: 'Install kubectl (https://kubernetes.io/docs/tasks/tools/); needed for every real target and for typing lesson commands.',
      read: (stdout) => String((JSON.parse(stdout) as { clientVersion?: { gitVersion?: string } }).clientVersion?.gitVersion ?? 'unknown'),
    }),
    checkReleases(deps),
  ]);
  const cached = await listCachedIstioctl(deps.cacheDir);
  const istioctl: DoctorCheck =
    cached.length > 0
      ? { name: 'istioctl (cached)', status: 'ok', detail: `${cached.join(', ')} in ${deps.cacheDir}` }
      : { name: 'istioctl (cached)', status: 'ok', detail: `none yet; labs downloads the version asked for into ${deps.cacheDir} on first use` };
  return { checks: [checkNode(deps.nodeVersion), dockerClient, dockerDaemon, kind, kubectl, istioctl, releases] };
}
