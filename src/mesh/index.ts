// The mesh engine's public API: other folders import only from here.
export * from './types.ts';
export { createMesh } from './mesh.ts';
export { validateObject, formatWebhookDenial, formatSchemaRejection } from './validation/index.ts';
export { policyConditions } from './status.ts';
export { shouldInjectSidecar, injectSidecar } from './sidecar.ts';
export { classifyPod, type DataplaneMode } from './workload.ts';
export { DEFAULT_CONNECT_TIMEOUT_MS } from './responses.ts';
