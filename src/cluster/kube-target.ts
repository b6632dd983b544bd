// How commands reach a cluster: an optional kubeconfig file (else $KUBECONFIG / ~/.kube/config) and a context.

export interface KubeTarget {
  kubeconfigPath?: string;
  context: string;
}

// The --kubeconfig/--context flags kubectl and istioctl both accept
export function kubeFlags(target: KubeTarget): string[] {
  const file = target.kubeconfigPath ? ['--kubeconfig', target.kubeconfigPath] : [];
  return [...file, '--context', target.context];
}
