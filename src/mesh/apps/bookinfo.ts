// Istio's Bookinfo reviews and ratings (samples/bookinfo/src), port 9080. reviews v2/v3 call ratings for each
// request, through the mesh from their own pod; when that call fails the review carries an error instead of stars.
import { withLength, type AppModel, type AppRequest, type AppResponse } from './app.ts';
import { httpDate } from '../responses.ts';

const REVIEWS = [
  {
    reviewer: 'Reviewer1',
    text: 'An extremely entertaining play by Shakespeare. The slapstick humour is refreshing!',
    stars: 5,
  },
  {
    reviewer: 'Reviewer2',
    text: 'Absolutely fun and entertaining. The play lacks thematic depth when compared to other plays by Shakespeare.',
    stars: 4,
  },
];

function json(req: AppRequest, status: number, body: string, server?: string): AppResponse {
  const headers: Array<[string, string]> = server ? [['Server', server]] : [];
  headers.push(['Content-Type', 'application/json'], ['Date', httpDate(req.now)]);
  return { status, headers: withLength(headers, body), body: req.method === 'HEAD' ? '' : body };
}

function versionOf(req: AppRequest): string {
  const image = String(
    ((req.workload.pod.spec?.containers ?? []) as any[]).find((c) =>
      String(c.image).includes('bookinfo-reviews'),
    )?.image ?? '',
  );
  return /reviews-(v\d)/.exec(image)?.[1] ?? req.workload.labels.version ?? 'v1';
}

async function ratingsFor(req: AppRequest, id: string): Promise<Record<string, number> | undefined> {
  const outcome = await req.call(`http://ratings:9080/ratings/${id}`);
  if (outcome.kind !== 'response' || outcome.status !== 200) return undefined;
  try {
    return (JSON.parse(outcome.body) as { ratings?: Record<string, number> }).ratings;
  } catch {
    return undefined;
  }
}

export const bookinfoReviews: AppModel = {
  name: 'bookinfo-reviews',
  matches: (image) => image.includes('examples-bookinfo-reviews'),
  ports: [9080],
  samplePath: '/reviews/0',
  async respond(req) {
    const path = req.path.split('?')[0] ?? '/';
    if (path === '/health') return json(req, 200, '{"status": "Reviews is healthy"}', 'Open Liberty');
    const m = /^\/reviews\/(\d+)$/.exec(path);
    if (!m) return json(req, 404, '{"error": "Not Found"}', 'Open Liberty');
    const version = versionOf(req);
    const ratings = version === 'v1' ? undefined : await ratingsFor(req, m[1]!);
    const color = version === 'v3' ? 'red' : 'black';
    const reviews = REVIEWS.map((r) => {
      const base = `{  "reviewer": "${r.reviewer}",  "text": "${r.text}"`;
      if (version === 'v1') return `${base}}`;
      const stars = ratings?.[r.reviewer];
      const rating =
        stars !== undefined
          ? `"rating": {"stars": ${stars}, "color": "${color}"}`
          : '"rating": {"error": "Ratings service is currently unavailable"}';
      return `${base}, ${rating}}`;
    });
    const body = `{"id": "${m[1]}","podname": "${req.workload.name}","clustername": "null","reviews": [${reviews.join(',')}]}`;
    return json(req, 200, body, 'Open Liberty');
  },
};

export const bookinfoRatings: AppModel = {
  name: 'bookinfo-ratings',
  matches: (image) => image.includes('examples-bookinfo-ratings'),
  ports: [9080],
  samplePath: '/ratings/0',
  respond(req) {
    const path = req.path.split('?')[0] ?? '/';
    if (path === '/health') return json(req, 200, '{"status":"Ratings is healthy"}');
    const m = /^\/ratings\/(\d+)$/.exec(path);
    if (!m || req.method !== 'GET') return json(req, 501, '{"error":"Not implemented"}');
    return json(req, 200, `{"id":${m[1]},"ratings":{"Reviewer1":5,"Reviewer2":4}}`);
  },
};
