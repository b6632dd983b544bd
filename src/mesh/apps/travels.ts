// Stand-in for Kiali's travel demo services (quay.io/kiali/demo_travels_*: travels, cars, hotels, flights,
// insurances, discounts, portal/viaggi, control), Go servers on port 8000. Every GET answers 200 JSON; the
// bodies are shaped like the demo's, not copied from it.
import { envOf, withLength, type AppModel, type AppRequest, type AppResponse } from './app.ts';
import { httpDate } from '../responses.ts';

function serviceName(req: AppRequest): string {
  return req.workload.labels.app ?? req.workload.name;
}

function json(req: AppRequest, status: number, value: unknown): AppResponse {
  const body = JSON.stringify(value);
  const headers = withLength(
    [
      ['Content-Type', 'application/json'],
      ['Date', httpDate(req.now)],
    ],
    body,
  );
  return { status, headers, body: req.method === 'HEAD' ? '' : body };
}

function quote(service: string, city: string): Record<string, unknown> {
  return { city, service, quotes: [{ item: `${service} in ${city}`, price: 100 + city.length * 7 }] };
}

export const travels: AppModel = {
  name: 'travels',
  samplePath: '/status',
  matches: (image) =>
    image.includes('demo_travels') || image.includes('travel-demo') || image.includes('kiali/demo'),
  // LISTEN_ADDRESS (":8000") decides the port, as in the demo's Go servers; else the declared ports, else 8000.
  ports: (container: any) => {
    const listen = ((container.env ?? []) as Array<{ name: string; value?: string }>).find(
      (e) => e.name === 'LISTEN_ADDRESS',
    )?.value;
    if (listen && /:(\d+)$/.test(listen)) return [Number(/:(\d+)$/.exec(listen)![1])];
    const declared = ((container.ports ?? []) as Array<{ containerPort: number }>).map((p) =>
      Number(p.containerPort),
    );
    return declared.length > 0 ? declared : [8000];
  },
  respond(req) {
    const path = req.path.split('?')[0] ?? '/';
    const service = serviceName(req);
    const portal = envOf(req, 'PORTAL_NAME');
    if (path === '/status' || path === '/health' || path === '/') {
      return json(
        req,
        200,
        portal
          ? { status: 'Ok', service, portal, country: envOf(req, 'PORTAL_COUNTRY') ?? '' }
          : { status: 'Ok', service },
      );
    }
    const segments = path.split('/').filter(Boolean);
    if (segments.length === 1)
      return json(req, 200, { service, items: ['Madrid', 'Paris', 'Rome', 'London', 'Berlin'] });
    if (segments.length === 2) return json(req, 200, quote(segments[0]!, decodeURIComponent(segments[1]!)));
    return json(req, 404, { error: 'Not Found', path });
  },
};
