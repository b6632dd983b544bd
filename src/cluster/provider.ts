// The one interface every target implements: embedded, kind, k3s, an existing context.
// The runner asks a provider for a kubeconfig and a few properties; it never asks which target it is.

export interface ClusterInfo {
  target: string; // "embedded", "kind", "k3s", "context=NAME"
  context: string; // kube context name in the kubeconfig
  istio: string; // Istio version installed, e.g. 1.28.0
  server?: string; // API server URL
  kubeconfigPath?: string; // a kubeconfig file for this cluster that a person can export as KUBECONFIG
}

export interface ProviderOptions {
  istio: string; // Istio version asked for
  profile: 'ambient' | 'default';
  dryRun?: boolean;
  signal?: AbortSignal;
  log?: (line: string) => void; // progress lines for the terminal
}

export interface ClusterProvider {
  readonly target: string;
  // How long a request or resource check may retry when the lab gives no timeout:
  // 0 on the embedded cluster (consistent at once: a single attempt), 30s on a real one.
  readonly convergenceMs: number;
  // Bring the cluster up (or reuse one), with Istio at the version asked; return where it is.
  up(options: ProviderOptions): Promise<ClusterInfo>;
  // The kubeconfig YAML for the cluster (context set to current).
  kubeconfig(): Promise<string>;
  // Release what up() started in this process (the embedded cluster ends with the run).
  release(): Promise<void>;
  // Tear the cluster down for good (labs down).
  down(options?: { signal?: AbortSignal }): Promise<void>;
  describe(): Promise<ClusterInfo | undefined>;
  // How many API requests the cluster has answered (where the target can count them: the embedded one).
  requestCount?(): number;
}
