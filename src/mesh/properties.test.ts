import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMesh } from './mesh.ts';
import { ambientNs, ap, curlPod, helloworld, ns, pa, pod, req, waypoint } from './testing/world.ts';
import type { KubeObject, MeshRequest, Outcome } from './types.ts';

// A fixed cluster: ambient helloworld behind a waypoint for half the worlds, clients of every kind.
function base(withWaypoint: boolean, strict: boolean): KubeObject[] {
  return [
    ns('istio-system'), ambientNs('hello', withWaypoint ? { 'istio.io/use-waypoint': 'waypoint' } : {}), ambientNs('test'), ns('legacy'), ns('side'),
    ...helloworld('hello', { versions: ['v1'] }), curlPod('test'), curlPod('legacy'), pod('side', 'client', { sa: 'client', sidecar: true }),
    ...(withWaypoint ? waypoint('hello') : []), ...(strict ? [pa('istio-system', 'default', { mtls: { mode: 'STRICT' } })] : []),
  ];
}

const source = fc.oneof(
  fc.record({ principals: fc.constantFrom(['cluster.local/ns/test/sa/curl'], ['*'], ['cluster.local/ns/hello/sa/waypoint'], ['*/sa/client']) }),
  fc.record({ namespaces: fc.constantFrom(['test'], ['legacy'], ['side', 'test']) }),
  fc.record({ notNamespaces: fc.constantFrom(['test'], ['other']) }),
  fc.record({ ipBlocks: fc.constantFrom(['10.244.0.0/16'], ['192.168.0.0/16']) }),
  fc.record({ requestPrincipals: fc.constant(['*']) }),
  fc.record({ notRequestPrincipals: fc.constant(['*']) }),
);
const operation = fc.oneof(
  fc.record({ ports: fc.constantFrom(['5000'], ['8080']) }),
  fc.record({ methods: fc.constantFrom(['GET'], ['POST']) }),
  fc.record({ paths: fc.constantFrom(['/hello'], ['/he*'], ['/health']) }),
  fc.record({ ports: fc.constant(['5000']), methods: fc.constantFrom(['GET'], ['POST']) }),
);
const condition = fc.oneof(
  fc.record({ key: fc.constant('source.namespace'), values: fc.constantFrom(['test'], ['legacy']) }),
  fc.record({ key: fc.constant('request.headers[x-role]'), notValues: fc.constant(['admin']) }),
);
const rule = fc.record({ from: fc.array(fc.record({ source }), { maxLength: 2 }), to: fc.array(fc.record({ operation }), { maxLength: 2 }), when: fc.array(condition, { maxLength: 1 }) }).map((r) => {
  const out: Record<string, unknown> = {};
  if (r.from.length) out.from = r.from;
  if (r.to.length) out.to = r.to;
  if (r.when.length) out.when = r.when;
  return out;
});
const scope = fc.constantFrom<[string, object]>(
  ['hello', { selector: { matchLabels: { app: 'helloworld' } } }],
  ['hello', {}],
  ['istio-system', {}],
  ['hello', { targetRefs: [{ kind: 'Service', group: '', name: 'helloworld' }] }],
  ['hello', { targetRefs: [{ kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'waypoint' }] }],
);
let serial = 0;
const policy = (action: 'ALLOW' | 'DENY'): fc.Arbitrary<KubeObject> =>
  fc.tuple(scope, fc.array(rule, { minLength: action === 'DENY' ? 1 : 0, maxLength: 2 })).map(([[namespace, where], rules]) => ap(namespace, `p-${(serial += 1)}`, { ...where, action, rules }));

const request = fc.record({
  from: fc.constantFrom('test/curl', 'legacy/curl', 'side/client'),
  method: fc.constantFrom('GET', 'POST'),
  path: fc.constantFrom('/hello', '/health'),
  role: fc.constantFrom(undefined, 'admin', 'user'),
}).map((r): MeshRequest => req(r.from, `http://helloworld.hello.svc.cluster.local:5000${r.path}`, { method: r.method, headers: r.role ? { 'x-role': r.role } : {} }));

const world = fc.record({ waypoint: fc.boolean(), strict: fc.boolean(), policies: fc.array(fc.oneof(policy('ALLOW'), policy('DENY')), { maxLength: 5 }) });

// The app answered (the request got through every policy).
function reachedApp(o: Outcome): boolean {
  return o.kind === 'response' && o.headers.some(([k, v]) => (k.toLowerCase() === 'server' && v === 'gunicorn') || k === 'content-type' && v.startsWith('text/html'));
}

async function outcomeOf(objects: KubeObject[], r: MeshRequest): Promise<Outcome> {
  return (await createMesh(objects).evaluate(r)).outcome;
}

describe('mesh properties', () => {
  it('adding a DENY policy never turns a denied request into an allowed one', async () => {
    await fc.assert(
      fc.asyncProperty(world, policy('DENY'), request, async (w, deny, r) => {
        const objects = [...base(w.waypoint, w.strict), ...w.policies];
        if (reachedApp(await outcomeOf(objects, r))) return;
        expect(reachedApp(await outcomeOf([...objects, deny], r))).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('an ALLOW policy with rules [{}] on a workload allows whatever no DENY denies', async () => {
    const allowAll = ap('hello', 'allow-all', { selector: { matchLabels: { app: 'helloworld' } }, action: 'ALLOW', rules: [{}] });
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.boolean(), fc.array(policy('DENY'), { maxLength: 4 }), request, async (wp, strict, denies, r) => {
        const objects = [...base(wp, strict), ...denies];
        const without = await outcomeOf(objects, r);
        const withAllow = await outcomeOf([...objects, allowAll], r);
        expect(reachedApp(withAllow)).toBe(reachedApp(without));
      }),
      { numRuns: 300 },
    );
  });

  it('the order of objects in the input never changes a verdict', async () => {
    await fc.assert(
      fc.asyncProperty(world, request, fc.infiniteStream(fc.nat()), async (w, r, seeds) => {
        const objects = [...base(w.waypoint, w.strict), ...w.policies];
        const shuffled = objects.map((o) => ({ o, k: seeds.next().value as number })).sort((a, b) => a.k - b.k).map((x) => x.o);
        const a = await outcomeOf(objects, r);
        const b = await outcomeOf(shuffled, r);
        expect(b).toEqual(a);
      }),
      { numRuns: 200 },
    );
  });
});
