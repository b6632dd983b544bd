// Starting the k3s container with @testcontainers/k3s 11.14, imported only when the k3s target is used.
import { parse, stringify } from 'yaml';

export interface K3sContainerSpec {
  name: string; // container name, also the kube context labs writes
  image: string;
  command: string[]; // replaces the module's default ["server", "--disable=traefik"]
  labels: Record<string, string>;
}

export type StartK3s = (spec: K3sContainerSpec) => Promise<{ kubeconfig: string }>;

// Start the container and return its kubeconfig (server rewritten to the mapped API port)
// testcontainers-node: packages/modules/k3s/src/k3s-container.ts — privileged, cgroupns host, waits for
// "Node controller sync successful"; withAutoCleanup(false) (11.14+) keeps Ryuk from removing it on exit.
export const startK3sContainer: StartK3s = async (spec) => {
  const { K3sContainer } = await import('@testcontainers/k3s');
  const started = await new K3sContainer(spec.image)
    .withName(spec.name)
    .withLabels(spec.labels)
    .withCommand(spec.command)
    .withAutoCleanup(false)
    .start();
  return { kubeconfig: started.getKubeConfig() };
};

interface NamedEntry {
  name?: string;
}

// Rename the kubeconfig's current context (k3s calls it "default") so it does not clash with others
export function renameKubeconfigContext(kubeconfig: string, context: string): string {
  const doc = parse(kubeconfig) as { contexts?: NamedEntry[]; 'current-context'?: string };
  const current = doc['current-context'];
  for (const entry of doc.contexts ?? []) if (entry.name === current) entry.name = context;
  doc['current-context'] = context;
  return stringify(doc);
}
