// Explain requests with the mesh engine on any cluster, and compute who can reach whom.
export {
  explainRequest,
  evaluateOnCluster,
  type ExplainRequestOptions,
  type Explanation,
} from './explain-request.ts';
export {
  formatEvaluation,
  describeVerdict,
  describeCurlOutcome,
  type ExplainedRequest,
} from './format-trace.ts';
export { readMeshObjects, detectMeshSettings, MESH_KINDS } from './read-objects.ts';
export {
  computeGrid,
  pickSources,
  listDestinations,
  labNamespaces,
  cellOf,
  type ComputeGridOptions,
} from './matrix.ts';
