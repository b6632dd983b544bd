// `npm run bench -- mesh`: decisions per second of the mesh engine over 1000 workloads in 50 namespaces,
// for 10, 100, 1000 and 10000 AuthorizationPolicies. Prints figures only; never asserts on them.
import { createMesh, type KubeObject, type MeshRequest } from '../../src/mesh/index.ts';

const NAMESPACES = 50;
const APPS_PER_NAMESPACE = 5;
const PODS_PER_APP = 4;
// Long enough (about a second per policy count) that JIT warm-up and GC pauses do not dominate the window.
const REQUESTS = 100_000;
const WARM_UP_ROUNDS = 5;

function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

function cluster(): KubeObject[] {
  const out: KubeObject[] = [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'istio-system' } }];
  let ip = 0;
  for (let n = 0; n < NAMESPACES; n++) {
    const ns = `ns-${n}`;
    out.push({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: ns, labels: { 'istio.io/dataplane-mode': 'ambient' } },
    });
    for (let a = 0; a < APPS_PER_NAMESPACE; a++) {
      const app = `app-${a}`;
      out.push({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: app, namespace: ns },
        spec: {
          selector: { app },
          ports: [{ port: 80, targetPort: 8080 }],
          clusterIP: `10.96.${n}.${a + 1}`,
        },
      });
      for (let p = 0; p < PODS_PER_APP; p++) {
        ip += 1;
        out.push({
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: `${app}-${p}`, namespace: ns, labels: { app, version: `v${p % 2}` } },
          spec: {
            serviceAccountName: app,
            containers: [
              {
                name: app,
                image: 'docker.io/mccutchen/go-httpbin:v2.15.0',
                ports: [{ containerPort: 8080 }],
              },
            ],
          },
          status: {
            phase: 'Running',
            podIP: `10.244.${Math.floor(ip / 250)}.${(ip % 250) + 1}`,
            conditions: [{ type: 'Ready', status: 'True' }],
          },
        });
      }
    }
  }
  return out;
}

function policies(count: number, random: () => number): KubeObject[] {
  const out: KubeObject[] = [];
  for (let i = 0; i < count; i++) {
    const ns = `ns-${Math.floor(random() * NAMESPACES)}`;
    const app = `app-${Math.floor(random() * APPS_PER_NAMESPACE)}`;
    const peer = `cluster.local/ns/ns-${Math.floor(random() * NAMESPACES)}/sa/app-${Math.floor(random() * APPS_PER_NAMESPACE)}`;
    const deny = random() < 0.3;
    out.push({
      apiVersion: 'security.istio.io/v1',
      kind: 'AuthorizationPolicy',
      metadata: { name: `p-${i}`, namespace: ns },
      spec: {
        selector: { matchLabels: { app } },
        action: deny ? 'DENY' : 'ALLOW',
        rules: [{ from: [{ source: { principals: [peer] } }], to: [{ operation: { ports: ['8080'] } }] }],
      },
    });
  }
  return out;
}

function requests(random: () => number): MeshRequest[] {
  return Array.from({ length: 1000 }, () => {
    const n = Math.floor(random() * NAMESPACES);
    const m = Math.floor(random() * NAMESPACES);
    return {
      from: {
        namespace: `ns-${n}`,
        pod: `app-${Math.floor(random() * APPS_PER_NAMESPACE)}-${Math.floor(random() * PODS_PER_APP)}`,
      },
      url: `http://app-${Math.floor(random() * APPS_PER_NAMESPACE)}.ns-${m}/get`,
      method: 'GET',
      headers: {},
      now: Date.UTC(2026, 0, 1),
    };
  });
}

// Print decisions per second for each policy count.
export async function run(): Promise<void> {
  const objects = cluster();
  for (const count of [10, 100, 1000, 10_000]) {
    const random = rng(count);
    const mesh = createMesh([...objects, ...policies(count, random)]);
    const reqs = requests(random);
    for (let round = 0; round < WARM_UP_ROUNDS; round++) for (const r of reqs) await mesh.evaluate(r); // caches and JIT
    const start = performance.now();
    for (let i = 0; i < REQUESTS; i++) await mesh.evaluate(reqs[i % reqs.length]!);
    const seconds = (performance.now() - start) / 1000;
    console.log(
      `mesh: ${Math.round(REQUESTS / seconds)} decisions/s at ${count} policies`,
    );
  }
}
