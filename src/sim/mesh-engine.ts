// The mesh functions the embedded cluster calls, behind one interface so tests can pass a fake.
import * as mesh from '../mesh/index.ts';
import type { DataplaneMode } from '../mesh/index.ts';
import type { KubeObject, Mesh, MeshSettings, StatusCondition, ValidationResult } from '../mesh/types.ts';

export interface MeshEngine {
  // Schema, CEL and webhook validation of an Istio object.
  validateObject(obj: KubeObject, settings: MeshSettings): ValidationResult;
  // Whether the injection webhook would add a sidecar to this pod.
  shouldInjectSidecar(pod: KubeObject, namespace: KubeObject | undefined, settings: MeshSettings): boolean;
  // How the mesh captures a pod: sidecar, ambient (ztunnel) or none.
  classifyPod(pod: KubeObject, namespace: KubeObject | undefined, settings: MeshSettings): DataplaneMode;
  // The pod with the sidecar added.
  injectSidecar(pod: KubeObject, settings: MeshSettings): KubeObject;
  // The status conditions istiod writes on a policy or Service, undefined when it writes none.
  policyConditions(obj: KubeObject, objects: readonly KubeObject[], settings: MeshSettings): StatusCondition[] | undefined;
  // The engine over a snapshot of every object.
  createMesh(objects: readonly KubeObject[], settings: MeshSettings): Mesh;
  // The message of a webhook denial, and of a schema rejection (after "The KIND "NAME" is invalid: ").
  formatWebhookDenial(errors: readonly string[]): string;
}

// The real engine, src/mesh.
export function createMeshEngine(): MeshEngine {
  return {
    validateObject: (obj, settings) => mesh.validateObject(obj, settings),
    shouldInjectSidecar: (pod, ns, settings) => mesh.shouldInjectSidecar(pod, ns, settings),
    injectSidecar: (pod, settings) => mesh.injectSidecar(pod, settings),
    classifyPod: (pod, namespace, settings) => mesh.classifyPod(pod, namespace, settings),
    policyConditions: (obj, objects, settings) => mesh.policyConditions(obj, objects, settings),
    createMesh: (objects, settings) => mesh.createMesh(objects, settings),
    formatWebhookDenial: (errors) => mesh.formatWebhookDenial(errors),
  };
}
