// vitest globalSetup: bundle dist/ from the sources under test before any test runs, so the tests that
// spawn bin/labs.js or load dist/ exercise this code and not an older build.
import { buildBundle } from './build.ts';

export default async function setup(): Promise<void> {
  await buildBundle();
}
