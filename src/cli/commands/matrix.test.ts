// `labs matrix` on a shipped lab, on an embedded cluster started for the run: text grid and HTML page.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../main.ts';
import { createBufferTerminal } from '../terminal.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));

function parseCells(html: string): Array<{ step: string; classes: string[]; title: string; text: string }> {
  return [...html.matchAll(/<section id="step-([^"]+)">([\s\S]*?)<\/section>/g)].flatMap((section) =>
    [...section[2]!.matchAll(/<td class="([^"]*)" title="([^"]*)">([^<]*)<\/td>/g)].map((td) => ({
      step: section[1]!,
      classes: td[1]!.split(' '),
      title: td[2]!.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n))),
      text: td[3]!,
    })),
  );
}

async function matrix(args: string[]) {
  const home = await mkdtemp(join(tmpdir(), 'labs-matrix-'));
  const terminal = createBufferTerminal();
  const code = await main(['matrix', ...args], {
    terminal,
    cwd: root,
    env: { ...process.env, LABS_HOME: home },
  });
  return { code, out: terminal.stdout(), err: terminal.stderr(), home };
}

describe('labs matrix', () => {
  it('shows the grid after a step with its changes starred, and writes the HTML page with the changed cells bordered', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'labs-matrix-html-'));
    const html = join(dir, 'm.html');
    const { code, out } = await matrix(['080-authorization', '--step', 'l7-policy', '--html', html]);
    expect(out).toMatch(
      /^l7-policy: Task 4: an L7 policy on the travels service, enforced by waypoint-travel-agency$/m,
    );
    expect(out).not.toMatch(/^l4-policy:/m);
    // cars-v1 is refused by the waypoint's new policy (changed), viaggi may still GET, POST is a new row
    expect(out).toMatch(/^GET travels\.travel-agency:8000 +reset +403\* .* 200 +200 +200$/m);
    expect(out).toMatch(/^POST travels\.travel-agency:8000 +reset +403 /m);
    expect(out).toContain('* changed since the previous step');
    expect(code).toBe(0);

    const cells = parseCells(await readFile(html, 'utf8'));
    const cell = (source: string, request: string) => cells.find((c) => c.title === `${source} → ${request}`);
    expect(
      cell('travel-agency/cars-v1', 'GET http://travels.travel-agency.svc.cluster.local:8000/travels/Madrid'),
    ).toMatchObject({ text: '403', classes: ['denied', 'changed'] });
    expect(
      cell('travel-portal/viaggi', 'GET http://travels.travel-agency.svc.cluster.local:8000/travels/Madrid'),
    ).toMatchObject({ text: '200', classes: ['ok'] });
    expect(
      cell('travel-control-sidecar/control', 'GET http://viaggi.travel-portal.svc.cluster.local:8000/status'),
    ).toMatchObject({ text: '503', classes: ['unavailable'] });
    expect(
      cell('outside/curl', 'GET http://viaggi.travel-portal.svc.cluster.local:8000/status'),
    ).toMatchObject({ text: 'reset', classes: ['broken'] });
    // No check asks for discounts: the row takes a path its app serves from the engine.
    expect(
      cell('travel-agency/cars-v1', 'GET http://discounts.travel-agency.svc.cluster.local:8000/status'),
    ).toMatchObject({ text: '200', classes: ['ok'] });
    // The database answers in MySQL, not HTTP: reached, but no status.
    expect(
      cell('travel-agency/cars-v1', 'GET http://mysqldb.travel-agency.svc.cluster.local:3306/'),
    ).toMatchObject({ text: 'not-http', classes: ['other'] });
  }, 30_000);

  it('refuses an unknown step before running anything, with exit 2', async () => {
    const { code, err } = await matrix(['080-authorization', '--step', 'nope']);
    expect(err).toContain('--step nope: no such step; the steps are strict-mtls, ambient-mtls');
    expect(code).toBe(2);
  });
});
