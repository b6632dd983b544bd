// The runner's only way into a cluster: client-node over a kubeconfig, the same for every target.
import * as k8s from '@kubernetes/client-node';
import { PassThrough } from 'node:stream';
import { KubeApiError } from './api-error.ts';
import { DiscoveringObjectApi } from './discovery.ts';
import { findKind, objectRefOf, splitResourceRef, UnknownKindError, type ObjectRef } from './kinds.ts';
import { PooledKubeConfig } from './pooled-kubeconfig.ts';

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string>; [k: string]: unknown };
  spec?: any;
  status?: any;
  [key: string]: unknown;
}

export interface ApplyResult {
  object: KubeObject;
  warnings: string[];
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface KubeClient {
  readonly config: k8s.KubeConfig;
  apply(object: KubeObject): Promise<ApplyResult>;
  remove(ref: ObjectRef): Promise<'deleted' | 'absent'>;
  read(ref: ObjectRef): Promise<KubeObject | undefined>;
  list(ref: { apiVersion: string; kind: string; namespace?: string; labelSelector?: string }): Promise<KubeObject[]>;
  mergePatch(ref: ObjectRef, patch: { metadata?: object; [key: string]: unknown }): Promise<KubeObject>;
  exec(pod: { namespace: string; name: string; container: string }, command: string[]): Promise<ExecResult>;
  // "KIND/NAME" (deploy/web, ap/deny-all, destinationrule/reviews) in a namespace → the object it names, with
  // kinds outside the built-in table found the way kubectl finds them, from the API's discovery.
  refOf(resource: string, namespace: string | undefined): Promise<ObjectRef>;
}

export { KubeApiError } from './api-error.ts';

const FIELD_MANAGER = 'labs';

// "299 - \"text\"" warning headers (possibly several joined by ", ") → the texts.
export function parseWarningHeader(value: string | undefined): string[] {
  if (!value) return [];
  return [...value.matchAll(/\d{3} \S+ "((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!.replace(/\\(.)/g, '$1'));
}

function toApiError(error: unknown, what: string): Error {
  if (!(error instanceof k8s.ApiException)) return error instanceof Error ? error : new Error(String(error));
  const body = error.body as unknown;
  let status: KubeApiError['status'] = {};
  try {
    status = typeof body === 'string' ? JSON.parse(body) : ((body as object) ?? {});
  } catch {
    status = { message: String(body) };
  }
  return new KubeApiError(status.message ?? `${what}: HTTP ${error.code}`, error.code, status, { cause: error });
}

// A client for the cluster the kubeconfig YAML points at (its current context).
export function createKubeClient(kubeconfigYaml: string): KubeClient {
  const config = new PooledKubeConfig();
  config.loadFromString(kubeconfigYaml);
  const cluster = config.getCurrentCluster();
  if (!cluster) throw new Error('the kubeconfig has no current cluster');
  let warnings: string[] = [];
  const objects = new DiscoveringObjectApi(
    k8s.createConfiguration({
      baseServer: new k8s.ServerConfiguration(cluster.server, {}),
      authMethods: { default: config },
      promiseMiddleware: [
        {
          pre: async (ctx) => ctx,
          post: async (rsp) => {
            warnings.push(...parseWarningHeader(rsp.headers.warning));
            return rsp;
          },
        },
      ],
    }),
  );
  const call = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (error) {
      throw toApiError(error, what);
    }
  };
  const spec = (ref: ObjectRef) => ({
    apiVersion: ref.apiVersion,
    kind: ref.kind,
    metadata: { name: ref.name, ...(ref.namespace ? { namespace: ref.namespace } : {}) },
  });
  return {
    config,
    async apply(object) {
      warnings = [];
      const applied = await call(`apply ${object.kind}`, () =>
        objects.patch(object, undefined, undefined, FIELD_MANAGER, true, k8s.PatchStrategy.ServerSideApply),
      );
      return { object: applied, warnings: [...warnings] };
    },
    async remove(ref) {
      try {
        await objects.delete(spec(ref), undefined, undefined, undefined, undefined, 'Background');
        return 'deleted';
      } catch (error) {
        if (error instanceof k8s.ApiException && error.code === 404) return 'absent';
        throw toApiError(error, `delete ${ref.kind}`);
      }
    },
    async read(ref) {
      try {
        return await objects.read<KubeObject>(spec(ref));
      } catch (error) {
        if (error instanceof k8s.ApiException && error.code === 404) return undefined;
        throw toApiError(error, `read ${ref.kind}`);
      }
    },
    async list(ref) {
      const result = await call(`list ${ref.kind}`, () =>
        objects.list(ref.apiVersion, ref.kind, ref.namespace, undefined, undefined, undefined, undefined, ref.labelSelector),
      );
      return result.items as KubeObject[];
    },
    async mergePatch(ref, patch: { metadata?: object }) {
      const target = spec(ref);
      const body = { ...patch, ...target, metadata: { ...patch.metadata, ...target.metadata } };
      return (await call(`patch ${ref.kind}`, () =>
        objects.patch(body, undefined, undefined, FIELD_MANAGER, undefined, k8s.PatchStrategy.MergePatch),
      ));
    },
    exec: (pod, command) => execInPod(config, pod, command),
    async refOf(resource, namespace) {
      const { kindName, name } = splitResourceRef(resource);
      const kind = findKind(kindName) ?? findKind(kindName, await call('discovery', () => objects.servedKinds()));
      if (!kind) throw new UnknownKindError(kindName);
      return objectRefOf(kind, name, namespace);
    },
  };
}

async function execInPod(
  config: k8s.KubeConfig,
  pod: { namespace: string; name: string; container: string },
  command: string[],
): Promise<ExecResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const status = await new Promise<k8s.V1Status | undefined>((resolve, reject) => {
    new k8s.Exec(config)
      .exec(pod.namespace, pod.name, pod.container, command, stdout, stderr, null, false, (s) => resolve(s))
      .then((ws) => ws.on('close', () => resolve(undefined)))
      .catch((error: unknown) => reject(toApiError(error, `exec in pod ${pod.namespace}/${pod.name}`)));
  });
  return { stdout: out, stderr: err, exitCode: exitCodeOf(status) };
}

// The exit code an exec Status carries (channel 3): Success is 0, NonZeroExitCode names it.
export function exitCodeOf(status: k8s.V1Status | undefined): number {
  if (!status || status.status === 'Success') return 0;
  const code = status.details?.causes?.find((c) => c.reason === 'ExitCode')?.message;
  return code === undefined ? 1 : Number(code);
}
