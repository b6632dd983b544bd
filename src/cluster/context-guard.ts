// The safety check before labs touches an existing kube context: the context must carry the labs marker
// (ConfigMap kube-public/labs-marker), or the person must have said --yes.
import { KubeConfig } from '@kubernetes/client-node';
import { KubeApiError } from './api-error.ts';
import { createKubeClient } from './client.ts';
import { ClusterError, unsafeContext } from './errors.ts';
import { markerName, markerNamespace } from './marker.ts';

export interface MarkerReader {
  // Whether the cluster behind this context carries the labs marker
  hasMarker(context: string): Promise<boolean>;
}

export type GuardVerdict = 'marked' | 'forced';

// Allow a context that labs created, or any context with --yes; refuse every other one
export async function guardContext(options: {
  kubeconfig: KubeConfig;
  context: string;
  yes: boolean;
  reader: MarkerReader;
}): Promise<GuardVerdict> {
  const names = options.kubeconfig.getContexts().map((context) => context.name);
  if (!names.includes(options.context)) {
    const known = names.length > 0 ? `contexts there: ${names.join(', ')}` : 'it has no contexts';
    throw new ClusterError(
      'unreachable',
      `Kube context "${options.context}" is not in the kubeconfig ($KUBECONFIG or ~/.kube/config); ${known}.`,
    );
  }
  if (options.yes) return 'forced';
  if (await options.reader.hasMarker(options.context)) return 'marked';
  throw unsafeContext(options.context);
}

// Read the marker through the Kubernetes API with the runner's own client; absent or forbidden means
// "not marked". (Not CoreV1Api: that one class would add half a megabyte to every command's start-up.)
export function createApiMarkerReader(kubeconfig: KubeConfig): MarkerReader {
  return {
    async hasMarker(context) {
      const config = new KubeConfig();
      config.loadFromString(kubeconfig.exportConfig());
      config.setCurrentContext(context);
      try {
        const marker = await createKubeClient(config.exportConfig()).read({ apiVersion: 'v1', kind: 'ConfigMap', name: markerName, namespace: markerNamespace });
        return marker !== undefined;
      } catch (error) {
        if (error instanceof KubeApiError && (error.code === 404 || error.code === 403)) return false;
        throw new ClusterError(
          'unreachable',
          `Could not reach the API server of kube context "${context}" (${config.getCurrentCluster()?.server ?? 'no server'}): ` +
            `${error instanceof Error ? error.message.split('\n')[0] : String(error)}. Check that the cluster is running.`,
          { cause: error },
        );
      }
    },
  };
}
