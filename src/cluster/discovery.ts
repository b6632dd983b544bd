// The kinds a cluster serves, as kubectl learns them: /api/v1, /apis, and each group's preferred version, read
// once per client and only when a lab names a kind the built-in table does not know (kinds.ts).
import { HttpMethod, KubernetesObjectApi, type V1APIGroupList, type V1APIResourceList } from '@kubernetes/client-node';
import type { KindRef } from './kinds.ts';

// The resources of one discovery document as KindRefs: plural, singular, then short names (subresources skipped).
export function kindsOf(list: V1APIResourceList): KindRef[] {
  return (list.resources ?? [])
    .filter((r) => !r.name.includes('/'))
    .map((r) => ({
      apiVersion: list.groupVersion,
      kind: r.kind,
      namespaced: r.namespaced,
      names: [r.name, r.singularName || r.kind.toLowerCase(), ...(r.shortNames ?? [])],
    }));
}

// client-node's generic object API, able to read the discovery documents through the same configuration.
export class DiscoveringObjectApi extends KubernetesObjectApi {
  private served: Promise<KindRef[]> | undefined;

  // Every kind the API serves, core first; a failed read is tried again next time.
  servedKinds(): Promise<KindRef[]> {
    this.served ??= this.discover().catch((error: unknown) => {
      this.served = undefined;
      throw error;
    });
    return this.served;
  }

  private async get<T>(path: string, type: string): Promise<T> {
    const context = this.configuration.baseServer.makeRequestContext(path, HttpMethod.GET);
    context.setHeaderParam('Accept', 'application/json');
    return (await this.requestPromise(context, type)) as T;
  }

  private async discover(): Promise<KindRef[]> {
    const core = this.get<V1APIResourceList>('/api/v1', 'V1APIResourceList');
    const groups = await this.get<V1APIGroupList>('/apis', 'V1APIGroupList');
    const versions = groups.groups
      .map((g) => g.preferredVersion?.groupVersion ?? g.versions[0]?.groupVersion)
      .filter((gv): gv is string => gv !== undefined);
    // A group whose server is down (an aggregated API) must not hide the others, as in kubectl.
    const lists = await Promise.allSettled([core, ...versions.map((gv) => this.get<V1APIResourceList>(`/apis/${gv}`, 'V1APIResourceList'))]);
    return lists.flatMap((r) => (r.status === 'fulfilled' ? kindsOf(r.value) : []));
  }
}
