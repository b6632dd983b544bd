// The lab loader's public API: load and validate labs, find them, describe them in plain words.
export { loadLab, type LoadedLab, type LoadOptions } from './load.ts';
export { listLabs, defaultLabsDir, locateLab, showPath, LAB_FILE, type LabLocation } from './resolve.ts';
export { LabFormatError, LabNotFoundError, formatProblem, formatPath, type LabProblem, type PathSegment } from './errors.ts';
export type { ManifestDocument, KubeObjectLike } from './manifests.ts';
export * from './schema.ts';
export { describeAction, describeCheck, describeOutcome } from './describe.ts';
