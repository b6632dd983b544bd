// curl's command line, the subset lessons use, parsed the way curl 8 reads it: short flags may be
// combined (-sS, -sI), options may come before or after the URL, values inline or separate.

export interface CurlOptions {
  url: string | undefined;
  method: string | undefined; // -X
  headers: Array<[string, string]>; // -H, in order
  data: string | undefined; // -d / --data / --data-raw / --data-binary (joined with &)
  silent: boolean; // -s
  showError: boolean; // -S
  include: boolean; // -i
  head: boolean; // -I / --head
  verbose: boolean; // -v
  output: string | undefined; // -o FILE
  writeOut: string | undefined; // -w FORMAT
  maxTimeMs: number | undefined; // -m / --max-time
  connectTimeoutMs: number | undefined; // --connect-timeout
  fail: boolean; // -f / --fail
  insecure: boolean; // -k
  location: boolean; // -L
  noProgressMeter: boolean; // --no-progress-meter
}

export type CurlParse = { ok: true; options: CurlOptions } | { ok: false; exitCode: number; stderr: string };

const TRY = "curl: try 'curl --help' or 'curl --manual' for more information\n";

const LONG_FLAGS: Record<string, keyof CurlOptions> = {
  '--silent': 'silent', '--show-error': 'showError', '--include': 'include', '--head': 'head', '--verbose': 'verbose',
  '--fail': 'fail', '--insecure': 'insecure', '--location': 'location',
};
const SHORT_FLAGS: Record<string, keyof CurlOptions> = { s: 'silent', S: 'showError', i: 'include', I: 'head', v: 'verbose', f: 'fail', k: 'insecure', L: 'location' };
const LONG_VALUES = new Set(['--request', '--header', '--data', '--data-raw', '--data-binary', '--data-ascii', '--output', '--write-out', '--max-time', '--connect-timeout', '--user-agent', '--user', '--cookie', '--referer', '--resolve', '--retry', '--cacert', '--url']);
const SHORT_VALUES = new Set(['X', 'H', 'd', 'o', 'w', 'm', 'A', 'u', 'b', 'e']);
// Real curl options the embedded cluster does not emulate: refused with a labs line, not curl's "unknown".
const UNSUPPORTED = new Set(['-F', '--form', '-T', '--upload-file', '-x', '--proxy', '--cert', '-E', '--key', '--unix-socket', '-c', '--cookie-jar', '--http2-prior-knowledge', '--data-urlencode', '-G', '--get']);
const IGNORED_FLAGS = new Set(['--http1.1', '--http2', '--compressed', '--no-progress-meter', '--progress-bar', '--no-keepalive', '-#']);

function emptyOptions(): CurlOptions {
  return {
    url: undefined, method: undefined, headers: [], data: undefined, silent: false, showError: false, include: false, head: false,
    verbose: false, output: undefined, writeOut: undefined, maxTimeMs: undefined, connectTimeoutMs: undefined, fail: false, insecure: false, location: false, noProgressMeter: false,
  };
}

function seconds(value: string, flag: string): number | string {
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? Math.round(n * 1000) : `curl: option ${flag}: expected a proper numerical parameter\n${TRY}`;
}

function setValue(o: CurlOptions, flag: string, value: string): string | undefined {
  switch (flag) {
    case '-X': case '--request': o.method = value; return undefined;
    case '-H': case '--header': {
      const i = value.indexOf(':');
      if (i > 0) o.headers.push([value.slice(0, i).trim(), value.slice(i + 1).trim()]);
      return undefined;
    }
    case '-d': case '--data': case '--data-raw': case '--data-binary': case '--data-ascii':
      o.data = o.data === undefined ? value : `${o.data}&${value}`;
      return undefined;
    case '-o': case '--output': o.output = value; return undefined;
    case '-w': case '--write-out': o.writeOut = value; return undefined;
    case '-A': case '--user-agent': o.headers.push(['User-Agent', value]); return undefined;
    case '-u': case '--user': o.headers.push(['Authorization', `Basic ${Buffer.from(value.includes(':') ? value : `${value}:`).toString('base64')}`]); return undefined;
    case '-b': case '--cookie': o.headers.push(['Cookie', value]); return undefined;
    case '-e': case '--referer': o.headers.push(['Referer', value]); return undefined;
    case '--url': o.url = value; return undefined;
    case '-m': case '--max-time': case '--connect-timeout': {
      const ms = seconds(value, flag);
      if (typeof ms === 'string') return ms;
      if (flag === '--connect-timeout') o.connectTimeoutMs = ms;
      else o.maxTimeMs = ms;
      return undefined;
    }
    default: return undefined; // accepted and ignored: --resolve, --retry, --cacert
  }
}

// Parse curl's arguments (without the leading "curl").
export function parseCurlArgs(args: string[]): CurlParse {
  const o = emptyOptions();
  const fail = (msg: string): CurlParse => ({ ok: false, exitCode: 2, stderr: msg });
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const flagName = arg.split('=')[0] ?? arg;
    if (UNSUPPORTED.has(flagName) || (/^-[A-Za-z]/.test(arg) && UNSUPPORTED.has(arg.slice(0, 2)) && !arg.startsWith('--'))) {
      return fail(`labs: the embedded cluster's curl does not emulate ${flagName.startsWith('--') ? flagName : arg.slice(0, 2)}; it supports -s -S -i -I -v -o -w -X -H -d -u -m -f -k -L and their long forms\n`);
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq > 0 && LONG_VALUES.has(arg.slice(0, eq)) ? arg.slice(0, eq) : arg;
      if (name === '--no-progress-meter') o.noProgressMeter = true;
      if (IGNORED_FLAGS.has(name)) continue;
      const flag = LONG_FLAGS[name];
      if (flag) { (o as any)[flag] = true; continue; }
      if (LONG_VALUES.has(name)) {
        const value = eq > 0 && name !== arg ? arg.slice(eq + 1) : args[++i];
        if (value === undefined) return fail(`curl: option ${name}: requires parameter\n${TRY}`);
        const err = setValue(o, name, value);
        if (err) return fail(err);
        continue;
      }
      return fail(`curl: option ${arg}: is unknown\n${TRY}`);
    }
    if (arg.startsWith('-') && arg.length > 1) {
      for (let j = 1; j < arg.length; j++) {
        const ch = arg[j] ?? '';
        const flag = SHORT_FLAGS[ch];
        if (flag) { (o as any)[flag] = true; continue; }
        if (SHORT_VALUES.has(ch)) {
          const rest = arg.slice(j + 1);
          const value = rest !== '' ? rest : args[++i];
          if (value === undefined) return fail(`curl: option -${ch}: requires parameter\n${TRY}`);
          const err = setValue(o, `-${ch}`, value);
          if (err) return fail(err);
          break;
        }
        return fail(`curl: option -${ch}: is unknown\n${TRY}`);
      }
      continue;
    }
    o.url = arg;
  }
  if (o.url === undefined) return fail(`curl: no URL specified\n${TRY}`);
  return { ok: true, options: o };
}

// The method curl sends: -X wins, then HEAD for -I, POST when there is data, else GET.
export function methodOf(o: CurlOptions): string {
  return o.method ?? (o.head ? 'HEAD' : o.data !== undefined ? 'POST' : 'GET');
}

// The URL with curl's default scheme (http://) and path (/).
export function normalizeUrl(url: string): string {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `http://${url}`;
  try {
    return new URL(withScheme).toString();
  } catch {
    return withScheme;
  }
}
