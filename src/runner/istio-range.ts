// Whether a lab holds for the Istio a cluster runs: lab.yaml's mesh.istio is a semver range ("the Istio
// versions the lab holds for", LAB-FORMAT.md), checked with the semver package as npm reads ranges.
import semver from 'semver';

// The notice for a run outside the lab's range, or undefined when the version is inside it (or the lab names none).
export function istioRangeNotice(range: string | undefined, istio: string): string | undefined {
  if (!range) return undefined;
  const version = semver.coerce(istio, { includePrerelease: true });
  if (!version || semver.satisfies(version, range, { includePrerelease: true })) return undefined;
  return `This lab holds for Istio ${range}; the cluster runs ${istio}, so a check that fails may be the version, not the lesson.`;
}
