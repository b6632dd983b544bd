// Explain one request on a live cluster: read its objects, evaluate with the engine, put the trace in words.
import type { KubeClient } from '../cluster/client.ts';
import { createMesh, type Evaluation, type KubeObject, type MeshSettings } from '../mesh/index.ts';
import { resolvePod } from '../runner/pods.ts';
import { formatEvaluation, type ExplainedRequest } from './format-trace.ts';
import { detectMeshSettings, readMeshObjects } from './read-objects.ts';

export interface ExplainRequestOptions {
  client: KubeClient;
  from: string; // NS/POD or NS/deploy/NAME
  url: string;
  method?: string;
  headers?: Record<string, string>;
  settings?: Partial<MeshSettings>;
  now?: number;
}

export interface Explanation {
  request: ExplainedRequest & { headers: Record<string, string> };
  settings: MeshSettings;
  evaluation: Evaluation;
  objects: KubeObject[];
  lines: string[];
}

const CURL_MAX_TIME_MS = 20_000; // what a lab's request check passes to curl (--max-time 20)

// Evaluate a request from a pod against everything the cluster holds now, and explain it.
export async function evaluateOnCluster(options: ExplainRequestOptions): Promise<Explanation> {
  const [objects, pod] = await Promise.all([
    readMeshObjects(options.client),
    resolvePod(options.client, options.from),
  ]);
  const settings = { ...detectMeshSettings(objects), ...options.settings };
  const request = {
    method: options.method ?? 'GET',
    url: options.url,
    from: { namespace: pod.namespace, pod: pod.name },
    headers: options.headers ?? {},
  };
  const evaluation = await createMesh(objects, settings).evaluate({
    from: request.from,
    url: request.url,
    method: request.method,
    headers: request.headers,
    now: options.now ?? Date.now(),
    timeoutMs: CURL_MAX_TIME_MS,
  });
  return { request, settings, evaluation, objects, lines: formatEvaluation(evaluation, request, objects) };
}

// The lines that explain why a request from a pod ends as it does (for a failed check's report).
export async function explainRequest(options: ExplainRequestOptions): Promise<string[]> {
  return (await evaluateOnCluster(options)).lines;
}
