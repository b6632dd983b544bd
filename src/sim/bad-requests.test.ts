import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedCluster, type EmbeddedCluster } from './index.ts';
import { readKubeconfigCredentials } from './kubeconfig.ts';

let cluster: EmbeddedCluster;
let ca: Buffer;
let token: string;

beforeAll(async () => {
  cluster = await startEmbeddedCluster();
  ({ ca, token } = readKubeconfigCredentials(cluster.kubeconfig));
});

afterAll(async () => {
  await cluster.stop();
});

interface Answer {
  status: number;
  body: any;
}

function call(method: string, path: string, options: { body?: string | Buffer; contentType?: string; auth?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { Authorization: options.auth ?? `Bearer ${token}` };
    if (options.contentType) headers['Content-Type'] = options.contentType;
    const req = request(`${cluster.url}${path}`, { method, ca, headers }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text.startsWith('{') ? JSON.parse(text) : text }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const status = (code: number, reason: string): Record<string, unknown> => ({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code, reason });

describe('bad requests to the embedded API server', () => {
  it('answers requests without the bearer token with 401 Unauthorized', async () => {
    expect(await call('GET', '/api/v1/namespaces', { auth: 'Bearer wrong' })).toMatchObject({ status: 401, body: status(401, 'Unauthorized') });
  });

  it('answers malformed JSON with 400 BadRequest', async () => {
    const r = await call('POST', '/api/v1/namespaces', { body: '{"metadata": ', contentType: 'application/json' });
    expect(r).toMatchObject({ status: 400, body: status(400, 'BadRequest') });
  });

  it('answers an unsupported content type with 415', async () => {
    const post = await call('POST', '/api/v1/namespaces', { body: '<ns/>', contentType: 'text/xml' });
    expect(post).toMatchObject({ status: 415, body: status(415, 'UnsupportedMediaType') });
    const patch = await call('PATCH', '/api/v1/namespaces/default', { body: '{}', contentType: 'application/json' });
    expect(patch.body.message).toBe('the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml');
  });

  it('refuses strategic merge patches on custom resources, as for CRDs', async () => {
    const r = await call('PATCH', '/apis/security.istio.io/v1/namespaces/default/authorizationpolicies/x', { body: '{}', contentType: 'application/strategic-merge-patch+json' });
    expect(r.status).toBe(415);
  });

  it('answers unknown groups and resources with 404', async () => {
    expect(await call('GET', '/apis/example.com/v1/widgets')).toMatchObject({ status: 404, body: { ...status(404, 'NotFound'), message: 'the server could not find the requested resource' } });
    expect((await call('GET', '/api/v1/widgets')).status).toBe(404);
  });

  it('answers a malformed percent-encoding in the path with 404 and keeps serving', async () => {
    expect((await call('GET', '/api/v1/namespaces/%E0%A4%A')).status).toBe(404);
    expect((await call('GET', '/version')).status).toBe(200);
  });

  it('refuses bodies over 3 MiB with 413 and keeps serving', async () => {
    const big = JSON.stringify({ metadata: { name: 'big' }, data: { x: 'a'.repeat(3 * 1024 * 1024) } });
    const r = await call('POST', '/api/v1/namespaces/default/configmaps', { body: big, contentType: 'application/json' });
    expect(r).toMatchObject({ status: 413, body: status(413, 'RequestEntityTooLarge') });
    expect((await call('GET', '/api/v1/namespaces/default')).status).toBe(200);
  });

  it('refuses invalid names with 422 Invalid and the DNS-1123 message', async () => {
    const r = await call('POST', '/api/v1/namespaces', { body: JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'Bad_Name' } }), contentType: 'application/json' });
    expect(r.status).toBe(422);
    expect(r.body.message).toBe(`Namespace "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`);
    expect(r.body.details).toMatchObject({ name: 'Bad_Name', kind: 'Namespace', causes: [{ reason: 'FieldValueInvalid', field: 'metadata.name' }] });
  });

  it('refuses a second create of the same object with 409 AlreadyExists', async () => {
    const body = JSON.stringify({ metadata: { name: 'twice' } });
    expect((await call('POST', '/api/v1/namespaces/default/configmaps', { body, contentType: 'application/json' })).status).toBe(201);
    const r = await call('POST', '/api/v1/namespaces/default/configmaps', { body, contentType: 'application/json' });
    expect(r).toMatchObject({ status: 409, body: { ...status(409, 'AlreadyExists'), message: 'configmaps "twice" already exists' } });
  });

  it('refuses objects in a namespace that does not exist', async () => {
    const r = await call('POST', '/api/v1/namespaces/hello/configmaps', { body: JSON.stringify({ metadata: { name: 'c' } }), contentType: 'application/json' });
    expect(r).toMatchObject({ status: 404, body: { message: 'namespaces "hello" not found' } });
  });

  it('refuses unknown fields of built-in kinds under fieldValidation=Strict', async () => {
    const body = JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { contaners: [] } });
    const r = await call('POST', '/api/v1/namespaces/default/pods?fieldValidation=Strict', { body, contentType: 'application/json' });
    expect(r).toMatchObject({ status: 400, body: { message: 'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.contaners"' } });
  });

  it('requires a field manager for server-side apply', async () => {
    const r = await call('PATCH', '/api/v1/namespaces/x', { body: '{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"x"}}', contentType: 'application/apply-patch+yaml' });
    expect(r).toMatchObject({ status: 422, body: { reason: 'Invalid' } });
  });

  it('creates nothing on dryRun=All but answers with the object', async () => {
    const body = JSON.stringify({ metadata: { name: 'dry' } });
    expect((await call('POST', '/api/v1/namespaces/default/configmaps?dryRun=All', { body, contentType: 'application/json' })).status).toBe(201);
    expect((await call('GET', '/api/v1/namespaces/default/configmaps/dry')).status).toBe(404);
  });

  it('refuses pod spec changes other than images, as ValidatePodUpdate does', async () => {
    const pod = JSON.stringify({ metadata: { name: 'fixed' }, spec: { containers: [{ name: 'c', image: 'nginx:1' }] } });
    await call('POST', '/api/v1/namespaces/default/pods', { body: pod, contentType: 'application/json' });
    const image = await call('PATCH', '/api/v1/namespaces/default/pods/fixed', { body: '{"spec":{"containers":[{"name":"c","image":"nginx:2"}]}}', contentType: 'application/strategic-merge-patch+json' });
    expect(image.status).toBe(200);
    const policy = await call('PATCH', '/api/v1/namespaces/default/pods/fixed', { body: '{"spec":{"restartPolicy":"Never"}}', contentType: 'application/merge-patch+json' });
    expect(policy.status).toBe(422);
    expect(policy.body.message).toMatch(/^Pod "fixed" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers\[\*\].image`/);
  });

  it('refuses CustomResourceDefinitions it does not serve, saying what to do', async () => {
    const crd = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.example.com' }, spec: {} };
    const r = await call('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', { body: JSON.stringify(crd), contentType: 'application/json' });
    expect(r).toMatchObject({ status: 403, body: { reason: 'Forbidden' } });
    expect(r.body.message).toContain('run this lab on a real cluster (--target kind)');
    expect((await call('DELETE', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/authorizationpolicies.security.istio.io')).status).toBe(403);
  });

  it('gives names to objects created with generateName', async () => {
    const r = await call('POST', '/api/v1/namespaces/default/configmaps', { body: JSON.stringify({ metadata: { generateName: 'gen-' } }), contentType: 'application/json' });
    expect(r.body.metadata.name).toMatch(/^gen-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });
});
