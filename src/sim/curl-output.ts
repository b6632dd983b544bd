// What curl 8 writes for an outcome: body, headers (-i/-I), verbose lines (-v), the progress
// meter when stdout is not a terminal and -s is not given, -w output, error lines and exit codes.
import type { Outcome } from '../mesh/types.ts';
import type { CurlOptions } from './curl.ts';
import { DEFAULT_CURL_VERSION, verboseLeftIntact, verboseRequest, verboseResponse, type VerboseContext } from './curl-verbose.ts';

export interface CurlResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface FormatOptions {
  options: CurlOptions;
  outcome: Outcome;
  url: string;
  method: string;
  tty: boolean;
  remoteIp?: string;
  version?: string; // curl's version (the image's tag); DEFAULT_CURL_VERSION otherwise
  localIp?: string; // the pod's IP, for -v
}

const PROGRESS_HEAD = '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n'
  + '                                 Dload  Upload   Total   Spent    Left  Speed\n';

// curl's progress line (lib/progress.c): "%3d %5s  %3d %5s  %3d %5s  %5s  %5s %8s %8s %8s %5s".
function progressLine(bytes: number): string {
  const pct = bytes > 0 ? '100' : '  0';
  const n = String(bytes).padStart(5);
  return `\r${pct} ${n}  ${pct} ${n}    0     0      0      0 --:--:-- --:--:-- --:--:--     0`;
}

function statusLine(outcome: Extract<Outcome, { kind: 'response' }>): string {
  return outcome.httpVersion === '2' ? `HTTP/2 ${outcome.status} ` : `HTTP/1.1 ${outcome.status} ${outcome.statusText}`;
}

function headerBlock(outcome: Extract<Outcome, { kind: 'response' }>): string {
  return `${statusLine(outcome)}\r\n${outcome.headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
}

// Expand a -w format: %{variable}, \n, \t, \r and %%.
export function expandWriteOut(format: string, vars: Record<string, string>): string {
  return format
    .replace(/%\{([a-z_]+)\}/g, (_m, name: string) => vars[name] ?? '')
    .replace(/%%/g, '%')
    .replace(/\\n/g, '\n').replace(/\\t/g, '\t').replace(/\\r/g, '\r');
}

// Format what curl prints for one outcome.
export function formatCurlOutput(f: FormatOptions): CurlResult {
  const { options: o, outcome } = f;
  const parsed = new URL(f.url);
  const showProgress = !o.silent && !o.verbose && !f.tty && !o.noProgressMeter;
  const showErrors = !o.silent || o.showError;
  let stdout = '';
  let stderr = showProgress ? PROGRESS_HEAD : '';
  const verbose: VerboseContext = {
    options: o, outcome, method: f.method, url: parsed, version: f.version ?? DEFAULT_CURL_VERSION,
    ...(f.remoteIp ? { remoteIp: f.remoteIp } : {}), ...(f.localIp ? { localIp: f.localIp } : {}),
  };
  if (o.verbose) stderr += verboseRequest(verbose);
  const vars: Record<string, string> = { url_effective: f.url, method: f.method, http_code: '000', response_code: '000', exitcode: '0', size_download: '0', remote_ip: f.remoteIp ?? '', time_total: '0.001000', content_type: '', http_version: '0' };
  let exitCode = 0;
  if (outcome.kind === 'error') {
    exitCode = outcome.curlExit;
    if (showProgress) stderr += `${progressLine(0)}\n`;
    if (o.verbose) stderr += `* ${outcome.message}\n`; // failf() also writes the error to the -v trace
    if (showErrors) stderr += `curl: (${outcome.curlExit}) ${outcome.message}\n`;
  } else {
    const failed = o.fail && outcome.status >= 400;
    const body = o.head || f.method === 'HEAD' ? '' : outcome.body;
    vars.http_code = String(outcome.status);
    vars.response_code = vars.http_code;
    vars.http_version = outcome.httpVersion === '2' ? '2' : '1.1';
    vars.content_type = outcome.headers.find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '';
    vars.size_download = String(failed ? 0 : Buffer.byteLength(body));
    if (o.verbose) stderr += verboseResponse({ ...verbose, bodyBytes: failed ? 0 : Buffer.byteLength(body), tty: f.tty });
    if ((!failed || o.include) && (o.include || o.head)) stdout += headerBlock(outcome);
    if (failed) {
      exitCode = 22;
      if (showProgress) stderr += `${progressLine(0)}\n`;
      if (o.verbose) stderr += `* The requested URL returned error: ${outcome.status}\n`;
      if (showErrors) stderr += `curl: (22) The requested URL returned error: ${outcome.status}\n`;
    } else {
      if (o.output === undefined || o.output === '-') stdout += body;
      if (showProgress) stderr += `${progressLine(Buffer.byteLength(body))}\n`;
      if (o.verbose) stderr += verboseLeftIntact(verbose);
    }
    if (o.output !== undefined && o.output !== '-' && (o.include || o.head)) stdout = '';
  }
  vars.exitcode = String(exitCode);
  if (o.writeOut !== undefined) stdout += expandWriteOut(o.writeOut, vars);
  return { stdout, stderr, exitCode };
}
