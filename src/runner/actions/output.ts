// What an action produced, before its `expect` is weighed.
export interface ActionOutput {
  detail: string[]; // lines a learner sees: "namespace/hello applied", command output
  warnings: string[];
  rejections?: string[]; // the API refused objects: each refusal's whole message
  exitCode?: number; // kubectl, exec
  output?: string; // kubectl, exec: stdout + stderr
  failure?: string; // the action could not do its job (timeout, missing object)
}

export const emptyOutput = (): ActionOutput => ({ detail: [], warnings: [] });

// "AuthorizationPolicy" + "deny-all" → "authorizationpolicy/deny-all", as kubectl names objects.
export function objectName(object: { kind: string; metadata: { name: string; namespace?: string } }): string {
  return `${object.kind.toLowerCase()}/${object.metadata.name}`;
}
