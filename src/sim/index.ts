// The embedded cluster: a real HTTPS Kubernetes API server on 127.0.0.1 with Istio "installed",
// whose pods answer curl with the mesh engine's verdict.
import { randomBytes } from 'node:crypto';
import { DEFAULT_MESH_SETTINGS } from '../mesh/types.ts';
import { ApiServer } from './api-server.ts';
import { bootstrapCluster } from './bootstrap.ts';
import { SimCluster } from './cluster.ts';
import { CONTROLLERS } from './controllers/index.ts';
import { createExecHandler } from './exec.ts';
import { createKubeconfig } from './kubeconfig.ts';
import { createMeshEngine, type MeshEngine } from './mesh-engine.ts';
import { createServingCert } from './tls.ts';

export { CONTEXT_NAME } from './kubeconfig.ts';
export type { MeshEngine } from './mesh-engine.ts';

export interface EmbeddedClusterOptions {
  istio?: string; // Istio version, e.g. "1.28.0" (a range or anything else means the default)
  profile?: 'ambient' | 'default';
  now?: () => number;
  port?: number; // 0 (default): a random free port
  mesh?: MeshEngine; // defaults to src/mesh
}

export interface EmbeddedCluster {
  url: string;
  kubeconfig: string; // YAML, context labs-embedded
  istio: string; // the Istio version installed
  stop(): Promise<void>;
  requestCount(): number;
}

// "1.28" → "1.28.0"; anything that is not a version gives the default.
export function resolveIstioVersion(asked: string | undefined): string {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?$/.exec(asked?.trim() ?? '');
  return m ? `${m[1]}.${m[2]}.${m[3] ?? '0'}` : DEFAULT_MESH_SETTINGS.istioVersion;
}

// Start an embedded cluster; stop() ends it.
export async function startEmbeddedCluster(options: EmbeddedClusterOptions = {}): Promise<EmbeddedCluster> {
  const mesh = options.mesh ?? createMeshEngine();
  const cert = await createServingCert();
  const istio = resolveIstioVersion(options.istio);
  const settings = { ...DEFAULT_MESH_SETTINGS, istioVersion: istio, profile: options.profile ?? 'ambient' };
  const cluster = new SimCluster(settings, mesh, options.now ?? Date.now);
  cluster.caPem = cert.cert;
  cluster.useControllers([...CONTROLLERS]);
  bootstrapCluster(cluster);
  const token = randomBytes(24).toString('base64url');
  const exec = createExecHandler(cluster);
  const server = new ApiServer({ cluster, cert, token, exec });
  const url = await server.listen(options.port ?? 0);
  return {
    url,
    kubeconfig: createKubeconfig({ url, caPem: cert.cert, token }),
    istio,
    stop: async () => {
      cluster.stopping.abort();
      exec.close();
      await server.close();
    },
    requestCount: () => server.requestCount(),
  };
}
