// Where a detached cluster (labs up) leaves its state, kubeconfig and log: light, so that commands that
// only look for it need not load the cluster itself.
import { join } from 'node:path';

// The state file a detached cluster leaves for later commands.
export interface DetachedState {
  pid: number;
  url: string;
  kubeconfigPath: string;
  istio: string;
  profile: 'ambient' | 'default';
  startedAt: string;
}

// Paths of the state and kubeconfig files under a labs home.
export function detachedPaths(home: string): { state: string; kubeconfig: string; log: string } {
  return { state: join(home, 'embedded.json'), kubeconfig: join(home, 'embedded.kubeconfig'), log: join(home, 'embedded.log') };
}
