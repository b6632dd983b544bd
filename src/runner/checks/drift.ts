// Doc drift: where the lesson's text (`documented`) differs from what was observed. Never fails a run.
import type { Documented } from '../../lab/schema.ts';
import type { CheckResult, ObservedOutcome } from '../events.ts';
import { matchesOutcome } from './outcome.ts';

// The drift entry for a check, or undefined when the lesson's claim holds (or it makes none).
export function findDrift(documented: Documented | undefined, observed: ObservedOutcome | undefined): CheckResult['drift'] {
  if (!documented || !observed) return undefined;
  const { quote, note, ...outcome } = documented;
  if (matchesOutcome(observed, outcome)) return undefined;
  return { documented: outcome, ...(quote !== undefined ? { quote } : {}), ...(note !== undefined ? { note } : {}) };
}
