// The contract of a sample application model: which container images it stands for, where it listens, what it answers.
import { byteLength } from '../responses.ts';
import type { Outcome } from '../types.ts';
import type { Workload } from '../workload.ts';

// One HTTP request as it reaches the application container.
export interface AppRequest {
  method: string;
  path: string; // with the query string
  host: string; // the Host header
  headers: Array<[string, string]>; // as they reach the app
  body: string;
  port: number; // the container port
  clientIp: string; // the peer IP the app sees
  workload: Workload;
  now: number;
  // A request this app makes to another service, through the mesh, from its own pod (reviews → ratings).
  call: (url: string) => Promise<Outcome>;
}

// What the application writes back.
export interface AppResponse {
  status: number;
  headers: Array<[string, string]>; // as the app writes them (its own casing)
  body: string;
}

interface AppModelBase {
  name: string;
  // Whether this model stands for a container image.
  matches(image: string): boolean;
  // The ports the container listens on: fixed, the containerPorts in the pod spec, none, or read from the container.
  ports: readonly number[] | 'declared' | 'none' | ((container: any) => number[]);
}

// A server that answers HTTP requests.
export interface HttpAppModel extends AppModelBase {
  speaks?: 'http';
  // A path it answers with 200, for tools that must pick one request per Service (the reachability matrix).
  samplePath?: string;
  respond(request: AppRequest): AppResponse | Promise<AppResponse>;
}

// A server of a server-first protocol (MySQL): it writes its greeting as soon as a connection opens, whatever the
// client sends, so an HTTP client reads bytes that are not a status line.
export interface ServerFirstAppModel extends AppModelBase {
  speaks: 'server-first';
  protocolName: string; // "MySQL"
}

export type AppModel = HttpAppModel | ServerFirstAppModel;

// Headers with Content-Length appended, in the order the servers in these images write them.
export function withLength(
  headers: Array<[string, string]>,
  body: string,
  name = 'Content-Length',
): Array<[string, string]> {
  return [...headers, [name, String(byteLength(body))]];
}

// The value of an environment variable set on the app's container (the first container that sets it).
export function envOf(req: AppRequest, name: string): string | undefined {
  for (const c of (req.workload.pod.spec?.containers ?? []) as any[]) {
    const env = ((c.env ?? []) as Array<{ name: string; value?: string }>).find((e) => e.name === name);
    if (env?.value !== undefined) return env.value;
  }
  return undefined;
}
