#!/usr/bin/env node
// Runs the build in dist/ (made by `npm install`'s prepare step) when it is newer than every source file,
// and otherwise the TypeScript sources directly through tsx, so `npx labs` always runs what src/ says.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const stamp = `${root}/dist/.built`;

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

// LABS_DEBUG=1 prints stack traces: point them at src/, not at the bundle's minified chunks.
if (process.env.LABS_DEBUG === '1') process.setSourceMapsEnabled(true);

const built = existsSync(stamp) && statSync(stamp).mtimeMs >= newestSource(`${root}/src`);
if (!built) (await import('tsx/esm/api')).register();
const { main } = await import(built ? '../dist/cli/main.js' : '../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
