// hashicorp/http-echo: answers every path with its -text (plus a newline) on -listen (default :5678).
import { withLength, type AppModel } from './app.ts';
import { httpDate } from '../responses.ts';

function flag(args: readonly string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith(`-${name}=`) || a.startsWith(`--${name}=`)) return a.slice(a.indexOf('=') + 1);
    if ((a === `-${name}` || a === `--${name}`) && i + 1 < args.length) return args[i + 1];
  }
  return undefined;
}

function argsOf(container: any): string[] {
  return [...((container?.command ?? []) as string[]), ...((container?.args ?? []) as string[])];
}

export const httpEcho: AppModel = {
  name: 'http-echo',
  matches: (image) => image.includes('http-echo'),
  ports: (container) => {
    const listen = flag(argsOf(container), 'listen') ?? ':5678';
    return [Number(/:(\d+)$/.exec(listen)?.[1] ?? 5678)];
  },
  respond(req) {
    const container = ((req.workload.pod.spec?.containers ?? []) as any[]).find((c) => {
      const listen = flag(argsOf(c), 'listen') ?? ':5678';
      return (
        String(c.image ?? '').includes('http-echo') &&
        Number(/:(\d+)$/.exec(listen)?.[1] ?? 5678) === req.port
      );
    });
    const args = argsOf(container);
    const body = `${flag(args, 'text') ?? ''}\n`;
    const status = Number(flag(args, 'status-code') ?? 200);
    const headers = withLength(
      [
        ['X-App-Name', 'http-echo'],
        ['X-App-Version', '1.0.0'],
        ['Date', httpDate(req.now)],
        ['Content-Type', 'text/plain; charset=utf-8'],
      ],
      body,
    );
    return { status, headers, body: req.method === 'HEAD' ? '' : body };
  },
};
