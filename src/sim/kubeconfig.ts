// The kubeconfig of an embedded cluster: cluster, user and context all named labs-embedded.
import { parse, stringify } from 'yaml';

export const CONTEXT_NAME = 'labs-embedded';

// Kubeconfig YAML with the CA data and the bearer token.
export function createKubeconfig(options: { url: string; caPem: string; token: string }): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: CONTEXT_NAME, cluster: { server: options.url, 'certificate-authority-data': Buffer.from(options.caPem).toString('base64') } }],
    users: [{ name: CONTEXT_NAME, user: { token: options.token } }],
    contexts: [{ name: CONTEXT_NAME, context: { cluster: CONTEXT_NAME, user: CONTEXT_NAME, namespace: 'default' } }],
    'current-context': CONTEXT_NAME,
    preferences: {},
  });
}

// The CA and bearer token back out of such a kubeconfig (an unreadable one gives empty values).
export function readKubeconfigCredentials(kubeconfig: string): { ca: Buffer; token: string } {
  const doc = parse(kubeconfig);
  return {
    ca: Buffer.from(String(doc?.clusters?.[0]?.cluster?.['certificate-authority-data'] ?? ''), 'base64'),
    token: String(doc?.users?.[0]?.user?.token ?? ''),
  };
}
