// A minimal OpenAPI v3: one document per group-version whose PATCH operations declare the
// fieldValidation parameter, so kubectl leaves validation to the server and plain `kubectl apply`
// works (kubectl's queryParamVerifierV3). No schemas: the server validates.
import { KINDS, groupVersion } from './kinds.ts';

const HASH = `LABS${KINDS.length}`;

function gvPath(group: string, version: string): string {
  return group === '' ? `api/${version}` : `apis/${group}/${version}`;
}

function groupVersions(): Array<{ group: string; version: string }> {
  const seen = new Map<string, { group: string; version: string }>();
  for (const k of KINDS) for (const v of k.versions) seen.set(groupVersion(k.group, v), { group: k.group, version: v });
  return [...seen.values()];
}

// GET /openapi/v3: the index of group-version documents.
export function openApiIndex(): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (const { group, version } of groupVersions()) {
    paths[gvPath(group, version)] = { serverRelativeURL: `/openapi/v3/${gvPath(group, version)}?hash=${HASH}` };
  }
  return { paths };
}

const fieldParams = ['fieldValidation', 'fieldManager', 'dryRun', 'force'].map((name) => ({ name, in: 'query', schema: { type: name === 'force' ? 'boolean' : 'string' }, uniqueItems: true }));

// GET /openapi/v3/api/v1 or /openapi/v3/apis/G/V, or undefined when not served.
export function openApiDocument(path: string): Record<string, unknown> | undefined {
  const gv = groupVersions().find(({ group, version }) => gvPath(group, version) === path);
  if (!gv) return undefined;
  const paths: Record<string, unknown> = {};
  for (const k of KINDS.filter((x) => x.group === gv.group && x.versions.includes(gv.version))) {
    const gvk = { group: gv.group, version: gv.version, kind: k.kind };
    const base = `/${gvPath(gv.group, gv.version)}${k.namespaced ? '/namespaces/{namespace}' : ''}/${k.plural}`;
    const op = (action: string): Record<string, unknown> => ({
      'x-kubernetes-action': action, 'x-kubernetes-group-version-kind': gvk, parameters: fieldParams, responses: { '200': { description: 'OK' } },
    });
    if (k.review) {
      paths[base] = { post: op('post') };
      continue;
    }
    paths[base] = { get: op('list'), post: op('post') };
    paths[`${base}/{name}`] = { get: op('get'), put: op('put'), patch: op('patch'), delete: op('delete') };
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.32.0-labs-embedded' },
    paths,
    components: { schemas: {} },
  };
}
