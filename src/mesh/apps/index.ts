// The application models, chosen by container image; an unknown image is an echo server.
import type { AppModel } from './app.ts';
import { curlClient } from './curl.ts';
import { echoServer } from './echo.ts';
import { helloworld } from './helloworld.ts';
import { httpbin } from './httpbin.ts';
import { nginx } from './nginx.ts';
import { travels } from './travels.ts';
import { bookinfoRatings, bookinfoReviews } from './bookinfo.ts';
import { httpEcho } from './http-echo.ts';
import { mysqldb } from './mysqldb.ts';
import type { Workload } from '../workload.ts';

export type { AppModel, AppRequest, AppResponse, HttpAppModel } from './app.ts';

const MODELS: readonly AppModel[] = [
  helloworld,
  httpbin,
  httpEcho,
  nginx,
  mysqldb, // before travels: its image is also a kiali/demo image
  travels,
  bookinfoReviews,
  bookinfoRatings,
  curlClient,
];

// The app serving one container port of a pod, or undefined when nothing listens there.
export function findListener(
  workload: Workload,
  port: number,
): { model: AppModel; container: string } | undefined {
  const containers = ((workload.pod.spec?.containers ?? []) as any[]).filter((c) => c.name !== 'istio-proxy');
  for (const c of containers) {
    const command = [...((c.command ?? []) as string[]), ...((c.args ?? []) as string[])].join(' ');
    // A container whose command is overridden to sleep runs no server (e.g. `kubectl run nginx --command -- sleep infinity`).
    if (/(^|\/|\s)sleep(\s|$)/.test(command)) continue;
    const image = String(c.image ?? '');
    const model = MODELS.find((m) => m.matches(image)) ?? echoServer;
    if (model.ports === 'none') continue;
    const declared = ((c.ports ?? []) as Array<{ containerPort: number }>).map((p) =>
      Number(p.containerPort),
    );
    const ports =
      model.ports === 'declared'
        ? declared
        : typeof model.ports === 'function'
          ? model.ports(c)
          : model.ports;
    if (ports.includes(port)) return { model, container: String(c.name ?? '') };
  }
  return undefined;
}
