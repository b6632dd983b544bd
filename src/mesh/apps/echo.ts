// Any image we do not model: a plain echo server on the container's declared ports (the trace says so).
import { withLength, type AppModel } from './app.ts';
import { httpDate } from '../responses.ts';

export const echoServer: AppModel = {
  name: 'echo',
  matches: () => true,
  ports: 'declared',
  respond(req) {
    const lines = [
      `${req.method} ${req.path}`,
      `host: ${req.host}`,
      `served-by: ${req.workload.name}`,
      `client: ${req.clientIp}`,
    ];
    for (const [k, v] of req.headers) lines.push(`${k.toLowerCase()}: ${v}`);
    if (req.body) lines.push('', req.body);
    const body = `${lines.join('\n')}\n`;
    const headers = withLength(
      [
        ['Content-Type', 'text/plain; charset=utf-8'],
        ['Date', httpDate(req.now)],
      ],
      body,
    );
    return { status: 200, headers, body: req.method === 'HEAD' ? '' : body };
  },
};
