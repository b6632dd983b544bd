// curl -v: the informational lines ("* "), the request and response headers ("> ", "< ", sent as
// curl wrote them, CRLF included) and the data notes ("{ "), as the curl of the pod's image prints
// them (src/tool_cb_dbg.c). Which lines appear depends on the curl version (lib/ in each release):
//   * Host H:P was resolved. / * IPv6: … / * IPv4: …   8.5.0 and later (hostip.c)
//   * Established connection to H (IP port P) from …   8.16.0 and later; before: * Connected to H (IP) port P
//   * using HTTP/1.x (plain http)                      8.16.0 and later (http.c http_check_new_conn)
//   * Request completely sent off                      8.7.0 and later (request.c)
//   * Connection #0 to host H:P left intact            8.16.0 to 8.19.x; otherwise "to host H"
import { randomInt } from 'node:crypto';
import type { Outcome } from '../mesh/types.ts';
import type { CurlOptions } from './curl.ts';

// The curl of an image that names no version (curlimages/curl:latest, other images with curl).
export const DEFAULT_CURL_VERSION = '8.16.0';

// The curl version of a container image: the tag of a curl image such as curlimages/curl:8.16.0.
export function curlVersionOf(image: string | undefined): string {
  const m = /(?:^|\/)curl:v?(\d+\.\d+\.\d+)(?:$|[-_@])/.exec(image ?? '');
  return m?.[1] ?? DEFAULT_CURL_VERSION;
}

function atLeast(version: string, wanted: string): boolean {
  const a = version.split('.').map(Number);
  const b = wanted.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
}

export interface VerboseContext {
  options: CurlOptions;
  outcome: Outcome;
  method: string;
  url: URL;
  version: string; // curl's version, e.g. "8.16.0"
  remoteIp?: string; // what cluster DNS gave for the host
  localIp?: string; // the pod's IP
}

const portOf = (url: URL): string => url.port || (url.protocol === 'https:' ? '443' : '80');

// The request headers curl sends, with the caller's replacing same-named defaults.
export function requestHeaderLines(c: Pick<VerboseContext, 'options' | 'url' | 'version'>): string[] {
  const port = portOf(c.url);
  const given = new Set(c.options.headers.map(([k]) => k.toLowerCase()));
  const defaults: Array<[string, string]> = [['Host', c.url.port ? `${c.url.hostname}:${port}` : c.url.hostname], ['User-Agent', `curl/${c.version}`], ['Accept', '*/*']];
  return [...defaults.filter(([k]) => !given.has(k.toLowerCase())), ...c.options.headers].map(([k, v]) => `${k}: ${v}`);
}

// Everything -v prints before the response: name resolution, the connection and the request.
export function verboseRequest(c: VerboseContext): string {
  const host = c.url.hostname;
  const port = portOf(c.url);
  const ip = c.remoteIp ?? host;
  if (c.outcome.kind === 'error' && c.outcome.error === 'dns') return '';
  let out = '';
  if (atLeast(c.version, '8.5.0') && !/^\d+\.\d+\.\d+\.\d+$/.test(host)) out += `* Host ${host}:${port} was resolved.\n* IPv6: (none)\n* IPv4: ${ip}\n`;
  out += `*   Trying ${ip}:${port}...\n`;
  if (c.outcome.kind === 'error' && (c.outcome.error === 'refused' || c.outcome.error === 'timeout')) return out;
  out += atLeast(c.version, '8.16.0')
    ? `* Established connection to ${host} (${ip} port ${port}) from ${c.localIp ?? '10.244.0.2'} port ${randomInt(32768, 61000)} \n* using HTTP/1.x\n`
    : `* Connected to ${host} (${ip}) port ${port}\n`;
  out += `> ${c.method} ${c.url.pathname}${c.url.search} HTTP/1.1\r\n${requestHeaderLines(c).map((h) => `> ${h}\r\n`).join('')}> \r\n`;
  if (atLeast(c.version, '8.7.0')) out += '* Request completely sent off\n';
  return out;
}

// The response headers as -v shows them, and the note about the body when stdout is not a terminal.
export function verboseResponse(c: VerboseContext & { bodyBytes: number; tty: boolean }): string {
  if (c.outcome.kind !== 'response') return '';
  const status = c.outcome.httpVersion === '2' ? `HTTP/2 ${c.outcome.status} ` : `HTTP/1.1 ${c.outcome.status} ${c.outcome.statusText}`;
  const data = !c.tty && c.bodyBytes > 0 ? `{ [${c.bodyBytes} bytes data]\n` : '';
  return `< ${status}\r\n${c.outcome.headers.map(([k, v]) => `< ${k}: ${v}\r\n`).join('')}< \r\n${data}`;
}

// The line -v ends a kept-alive connection with.
export function verboseLeftIntact(c: Pick<VerboseContext, 'url' | 'version'>): string {
  const withPort = atLeast(c.version, '8.16.0') && !atLeast(c.version, '8.20.0');
  return `* Connection #0 to host ${c.url.hostname}${withPort ? `:${portOf(c.url)}` : ''} left intact\n`;
}
