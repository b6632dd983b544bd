// The commands a pod can run through exec in the embedded cluster: curl (answered by the mesh),
// and the small shell built-ins lessons use. Anything else exits 127 and says so.
import type { KubeObject, Mesh } from '../mesh/types.ts';
import { formatCurlOutput, type CurlResult } from './curl-output.ts';
import { methodOf, normalizeUrl, parseCurlArgs } from './curl.ts';
import { curlVersionOf } from './curl-verbose.ts';
import { runScript } from './shell-script.ts';

export { splitWords } from './shell-script.ts';

export interface ShellContext {
  pod: KubeObject;
  container: string;
  tty: boolean;
  stdin: string;
  mesh: () => Mesh;
  now: () => number;
  signal: AbortSignal;
  resolveHost?: (host: string) => string | undefined; // cluster DNS, for curl -v and %{remote_ip}
}

export type CommandResult = CurlResult;

const ok = (stdout = ''): CommandResult => ({ stdout, stderr: '', exitCode: 0 });

function hostnameOf(pod: KubeObject): string {
  return String(pod.spec?.hostname ?? pod.metadata.name);
}

function envOf(ctx: ShellContext): string {
  const container = ((ctx.pod.spec?.containers ?? []) as any[]).find((c) => c.name === ctx.container);
  const vars: Array<[string, string]> = [
    ['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], ['HOSTNAME', hostnameOf(ctx.pod)],
    ...((container?.env ?? []) as any[]).filter((e) => typeof e.value === 'string').map((e): [string, string] => [e.name, e.value]),
    ['KUBERNETES_SERVICE_HOST', '10.96.0.1'], ['KUBERNETES_SERVICE_PORT', '443'], ['HOME', '/root'],
  ];
  return vars.map(([k, v]) => `${k}=${v}\n`).join('');
}

function sleep(arg: string | undefined, signal: AbortSignal): Promise<CommandResult> {
  const seconds = arg === 'infinity' ? Infinity : Number(String(arg ?? '').replace(/s$/, ''));
  if (Number.isNaN(seconds)) return Promise.resolve({ stdout: '', stderr: `sleep: invalid number '${arg}'\n`, exitCode: 1 });
  return new Promise((resolve) => {
    const done = (): void => resolve(ok());
    if (signal.aborted) return done();
    signal.addEventListener('abort', done, { once: true });
    if (Number.isFinite(seconds)) setTimeout(done, seconds * 1000);
  });
}

function cat(args: string[], ctx: ShellContext): CommandResult {
  if (args.length === 0) return ok(ctx.stdin);
  let stdout = '';
  let stderr = '';
  for (const file of args) {
    if (file === '/etc/hostname') stdout += `${hostnameOf(ctx.pod)}\n`;
    else if (file === '/etc/resolv.conf') stdout += `search ${ctx.pod.metadata.namespace}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n`;
    else stderr += `cat: ${file}: No such file or directory\n`;
  }
  return { stdout, stderr, exitCode: stderr === '' ? 0 : 1 };
}

async function curl(args: string[], ctx: ShellContext): Promise<CommandResult> {
  const parsed = parseCurlArgs(args);
  if (!parsed.ok) return { stdout: '', stderr: parsed.stderr, exitCode: parsed.exitCode };
  const o = parsed.options;
  const method = methodOf(o);
  let url = normalizeUrl(o.url ?? '');
  const image = ((ctx.pod.spec?.containers ?? []) as any[]).find((c) => c.name === ctx.container)?.image;
  const version = curlVersionOf(typeof image === 'string' ? image : undefined);
  const headers: Record<string, string> = { 'user-agent': `curl/${version}`, accept: '*/*' };
  if (o.data !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
  for (const [k, v] of o.headers) headers[k.toLowerCase()] = v;
  const from = { namespace: ctx.pod.metadata.namespace ?? 'default', pod: ctx.pod.metadata.name };
  const limits = [o.maxTimeMs, o.connectTimeoutMs].filter((ms): ms is number => ms !== undefined);
  const timeout = limits.length > 0 ? { timeoutMs: Math.min(...limits) } : {};
  let evaluation = await ctx.mesh().evaluate({ from, url, method, headers, ...(o.data !== undefined ? { body: o.data } : {}), now: ctx.now(), ...timeout });
  for (let hops = 0; o.location && hops < 5 && evaluation.outcome.kind === 'response' && evaluation.outcome.status >= 300 && evaluation.outcome.status < 400; hops++) {
    const location = evaluation.outcome.headers.find(([k]) => k.toLowerCase() === 'location')?.[1];
    if (!location) break;
    url = new URL(location, url).toString();
    evaluation = await ctx.mesh().evaluate({ from, url, method: method === 'POST' ? 'GET' : method, headers, now: ctx.now(), ...timeout });
  }
  const remoteIp = ctx.resolveHost?.(new URL(url).hostname);
  const localIp = ctx.pod.status?.podIP as string | undefined;
  return formatCurlOutput({ options: o, outcome: evaluation.outcome, url, method, tty: ctx.tty, version, ...(remoteIp ? { remoteIp } : {}), ...(localIp ? { localIp } : {}) });
}

// Run argv in the pod's container.
export async function runCommand(argv: string[], ctx: ShellContext): Promise<CommandResult> {
  const [cmd = '', ...args] = argv;
  const name = cmd.split('/').pop() ?? cmd;
  switch (name) {
    case 'curl': return curl(args, ctx);
    case 'sh': case 'bash': case 'ash':
      return runScript(args[0] === '-c' && args[1] !== undefined ? args[1] : ctx.stdin, (argv) => runCommand(argv, ctx), { HOSTNAME: hostnameOf(ctx.pod) });
    case 'sleep': return sleep(args[0], ctx.signal);
    case 'echo': {
      const noNewline = args[0] === '-n';
      const words = noNewline ? args.slice(1) : args;
      return ok(`${words.join(' ')}${noNewline ? '' : '\n'}`);
    }
    case 'hostname': return ok(`${hostnameOf(ctx.pod)}\n`);
    case 'cat': return cat(args, ctx);
    case 'true': case ':': return ok();
    case 'false': return { stdout: '', stderr: '', exitCode: 1 };
    case 'env': case 'printenv': return ok(envOf(ctx));
    default:
      return {
        stdout: '',
        stderr: `${cmd}: command not found\nlabs: the embedded cluster does not run "${cmd}" in pods; it runs curl, sleep, echo, hostname, cat /etc/hostname, env, true, false and sh -c with those.\n`,
        exitCode: 127,
      };
  }
}
