// go-httpbin (docker.io/mccutchen/go-httpbin, Istio's samples/httpbin), port 8080: /get /headers /ip /status/N ...
import { withLength, type AppModel, type AppRequest, type AppResponse } from './app.ts';
import { httpDate, statusTextOf } from '../responses.ts';

function json(req: AppRequest, status: number, value: unknown): AppResponse {
  const body = `${JSON.stringify(value, null, 2)}\n`;
  const headers = withLength(
    [
      ['Access-Control-Allow-Credentials', 'true'],
      ['Access-Control-Allow-Origin', '*'],
      ['Content-Type', 'application/json; charset=utf-8'],
      ['Date', httpDate(req.now)],
    ],
    body,
  );
  return { status, headers, body: req.method === 'HEAD' ? '' : body };
}

// Canonical header names already seen (requests repeat the same few names; bounded so odd names cannot pile up).
const canonicalNames = new Map<string, string>();

function canonicalName(name: string): string {
  const known = canonicalNames.get(name);
  if (known !== undefined) return known;
  const canonical = name
    .split('-')
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1).toLowerCase())
    .join('-');
  if (canonicalNames.size >= 1000) canonicalNames.clear();
  canonicalNames.set(name, canonical);
  return canonical;
}

function headerMap(req: AppRequest): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of req.headers) (out[canonicalName(name)] ??= []).push(value);
  return out;
}

function args(path: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  new URLSearchParams(path.split('?')[1] ?? '').forEach((v, k) => (out[k] ??= []).push(v));
  return out;
}

function echo(req: AppRequest, withBody: boolean): Record<string, unknown> {
  const base: Record<string, unknown> = {
    args: args(req.path),
    headers: headerMap(req),
    method: req.method,
    origin: req.clientIp,
    url: `http://${req.host}${req.path}`,
  };
  if (withBody) Object.assign(base, { data: req.body, files: {}, form: {}, json: null });
  return base;
}

export const httpbin: AppModel = {
  name: 'httpbin',
  samplePath: '/get',
  matches: (image) => image.includes('httpbin'),
  // go-httpbin listens on $PORT (default 8080).
  ports: (container: any) => {
    const port = ((container.env ?? []) as Array<{ name: string; value?: string }>).find(
      (e) => e.name === 'PORT',
    )?.value;
    return [port && /^\d+$/.test(port) ? Number(port) : 8080];
  },
  respond(req) {
    const path = req.path.split('?')[0] ?? '/';
    const status = /^\/status\/(\d{3})$/.exec(path);
    if (status) {
      const code = Number(status[1]);
      const body = code === 418 ? "I'm a teapot!" : '';
      const headers = withLength(
        [
          ['Access-Control-Allow-Credentials', 'true'],
          ['Access-Control-Allow-Origin', '*'],
          ['Date', httpDate(req.now)],
        ],
        body,
      );
      return { status: code, headers, body };
    }
    if (path === '/get' && ['GET', 'HEAD'].includes(req.method)) return json(req, 200, echo(req, false));
    if (path === '/headers') return json(req, 200, { headers: headerMap(req) });
    if (path === '/ip') return json(req, 200, { origin: req.clientIp });
    if (path === '/user-agent')
      return json(req, 200, { 'user-agent': headerMap(req)['User-Agent']?.[0] ?? '' });
    if (path.startsWith('/anything')) return json(req, 200, echo(req, true));
    const methodPaths: Record<string, string> = {
      '/post': 'POST',
      '/put': 'PUT',
      '/patch': 'PATCH',
      '/delete': 'DELETE',
    };
    if (methodPaths[path] !== undefined) {
      if (req.method !== methodPaths[path])
        return json(req, 405, { status_code: 405, error: statusTextOf(405) });
      return json(req, 200, echo(req, true));
    }
    if (path === '/') return json(req, 200, { name: 'go-httpbin' });
    return json(req, 404, { status_code: 404, error: 'Not Found' });
  },
};
