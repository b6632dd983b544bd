// nginx: the default welcome page on port 80 (the image's /usr/share/nginx/html/index.html).
import { withLength, type AppModel, type AppRequest, type AppResponse } from './app.ts';
import { httpDate } from '../responses.ts';

export const NGINX_WELCOME = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

function notFound(version: string): string {
  return `<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/${version}</center>\r\n</body>\r\n</html>\r\n`;
}

function versionOf(req: AppRequest): string {
  const image = String(
    ((req.workload.pod.spec?.containers ?? []) as any[]).find((c) => String(c.image).includes('nginx'))
      ?.image ?? '',
  );
  return /:(\d+\.\d+\.\d+)/.exec(image)?.[1] ?? '1.29.1';
}

function reply(req: AppRequest, status: number, body: string, html: boolean): AppResponse {
  const version = versionOf(req);
  const headers: Array<[string, string]> = [
    ['Server', `nginx/${version}`],
    ['Date', httpDate(req.now)],
    ['Content-Type', 'text/html'],
  ];
  const all = withLength(headers, body);
  if (html)
    all.push(
      ['Last-Modified', 'Tue, 13 Aug 2025 15:08:55 GMT'],
      ['Connection', 'keep-alive'],
      ['ETag', '"689ca9b7-267"'],
      ['Accept-Ranges', 'bytes'],
    );
  else all.push(['Connection', 'keep-alive']);
  return { status, headers: all, body: req.method === 'HEAD' ? '' : body };
}

export const nginx: AppModel = {
  name: 'nginx',
  matches: (image) => /(^|\/)nginx(-unprivileged)?([:@]|$)/.test(image),
  ports: [80],
  respond(req) {
    const path = req.path.split('?')[0];
    if (path === '/' || path === '/index.html') return reply(req, 200, NGINX_WELCOME, true);
    return reply(req, 404, notFound(versionOf(req)), false);
  },
};
