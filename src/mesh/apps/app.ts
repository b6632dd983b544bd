// The contract of a sample application model: which container images it stands for, where it listens, what it answers.
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
}

// What the application writes back.
export interface AppResponse {
  status: number;
  headers: Array<[string, string]>; // as the app writes them (its own casing)
  body: string;
}

export interface AppModel {
  name: string;
  // Whether this model stands for a container image.
  matches(image: string): boolean;
  // The ports the container listens on, or 'declared' for the containerPorts in the pod spec.
  ports: readonly number[] | 'declared' | 'none';
  respond(request: AppRequest): AppResponse;
}

// The byte length of a UTF-8 body.
export function byteLength(body: string): number {
  return new TextEncoder().encode(body).length;
}

// Headers with Content-Length appended, in the order the servers in these images write them.
export function withLength(headers: Array<[string, string]>, body: string, name = 'Content-Length'): Array<[string, string]> {
  return [...headers, [name, String(byteLength(body))]];
}
