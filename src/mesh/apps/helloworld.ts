// Istio's helloworld sample (samples/helloworld/src/app.py, Flask on gunicorn, port 5000).
import { withLength, type AppModel, type AppRequest, type AppResponse } from './app.ts';
import { httpDate } from '../responses.ts';

const NOT_FOUND =
  '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n' +
  '<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>\n';
const NOT_ALLOWED =
  '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">\n<title>405 Method Not Allowed</title>\n<h1>Method Not Allowed</h1>\n' +
  '<p>The method is not allowed for the requested URL.</p>\n';

function versionOf(req: AppRequest): string {
  const containers = (req.workload.pod.spec?.containers ?? []) as any[];
  for (const c of containers) {
    const env = ((c.env ?? []) as Array<{ name: string; value?: string }>).find(
      (e) => e.name === 'SERVICE_VERSION',
    );
    if (env?.value) return env.value;
    const m = /helloworld-(v\d+)/.exec(String(c.image ?? ''));
    if (m?.[1]) return m[1];
  }
  return req.workload.labels.version ?? 'v1';
}

function reply(req: AppRequest, status: number, body: string): AppResponse {
  const headers = withLength(
    [
      ['Server', 'gunicorn'],
      ['Date', httpDate(req.now)],
      ['Connection', 'close'],
      ['Content-Type', 'text/html; charset=utf-8'],
    ],
    body,
  );
  return { status, headers, body: req.method === 'HEAD' ? '' : body };
}

export const helloworld: AppModel = {
  name: 'helloworld',
  matches: (image) => /examples-helloworld|\/helloworld[:@]|^helloworld[:@]?/.test(image),
  ports: [5000],
  samplePath: '/hello',
  respond(req) {
    const path = req.path.split('?')[0];
    if (path !== '/hello' && path !== '/health') return reply(req, 404, NOT_FOUND);
    if (!['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return reply(req, 405, NOT_ALLOWED);
    if (path === '/health') return reply(req, 200, 'Helloworld is healthy');
    return reply(req, 200, `Hello version: ${versionOf(req)}, instance: ${req.workload.name}\n`);
  },
};
