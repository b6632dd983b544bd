// explain on the embedded cluster running a shipped lab: pinned lines, not whole outputs (pod names change).
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../cli/main.ts';
import { createBufferTerminal } from '../cli/terminal.ts';
import { explainRequest } from './explain-request.ts';
import { ROOT, startLabCluster, type LabCluster } from './testing/lab-cluster.ts';

const VIAGGI = 'http://viaggi.travel-portal.svc.cluster.local:8000/status';
let lab: LabCluster;

beforeAll(async () => {
  lab = await startLabCluster('080-authorization', 'l4-policy');
}, 30_000);
afterAll(async () => lab?.stop());

describe('explainRequest on 080-authorization after the L4 policy', () => {
  it('names the ztunnel policy, whom it allows and the waypoint identity it saw, and the 503 curl shows', async () => {
    const lines = await explainRequest({
      client: lab.client,
      from: 'travel-agency/deploy/cars-v1',
      url: VIAGGI,
    });
    expect(lines).toContain(
      'verdict: denied by ztunnel in travel-portal: AuthorizationPolicy travel-api-control-allow allows only cluster.local/ns/travel-control/sa/default; the caller is cluster.local/ns/travel-portal/sa/waypoint-travel-portal',
    );
    expect(lines).toContain('curl shows: HTTP/1.1 503 Service Unavailable');
    expect(lines[1]).toMatch(
      /^path: travel-agency\/cars-v1-\S+ → waypoint travel-portal\/waypoint-travel-portal → ztunnel for travel-portal\/viaggi-\S+$/,
    );
    expect(lines).toContain('      AuthorizationPolicy travel-portal/travel-api-control-allow');
  });

  it('explains the reset a plaintext caller gets from a STRICT sidecar', async () => {
    const lines = await explainRequest({
      client: lab.client,
      from: 'outside/deploy/curl',
      url: 'http://control.travel-control-sidecar.svc.cluster.local:8080/status',
    });
    expect(lines).toContain(
      'verdict: denied by sidecar in travel-control-sidecar: PeerAuthentication mtls-default-strict-policy requires mutual TLS (STRICT); the caller is not in the mesh and sends plaintext, with no identity',
    );
    expect(lines.at(-1)).toBe('curl shows: curl: (56) Recv failure: Connection reset by peer');
  });

  it('says a request nobody denies is allowed, with the status the app answers', async () => {
    const lines = await explainRequest({
      client: lab.client,
      from: 'travel-portal/deploy/viaggi',
      url: 'http://travels.travel-agency.svc.cluster.local:8000/travels/Madrid',
    });
    expect(lines).toContain('verdict: allowed: the request reaches the destination, which answers 200');
    expect(lines).toContain('curl shows: HTTP/1.1 200 OK');
  });
});

describe('labs explain', () => {
  const run = async (args: string[]) => {
    const terminal = createBufferTerminal();
    const code = await main(['explain', ...args], {
      terminal,
      cwd: ROOT,
      env: { ...process.env, LABS_HOME: lab.home },
    });
    return { code, out: terminal.stdout(), err: terminal.stderr() };
  };

  it('prints the explanation of a request on the cluster labs up started', async () => {
    const { code, out } = await run(['--from', 'travel-agency/deploy/cars-v1', VIAGGI]);
    expect(out).toMatch(
      /^GET http:\/\/viaggi\.travel-portal\.svc\.cluster\.local:8000\/status from travel-agency\/cars-v1-\S+$/m,
    );
    expect(out).toContain(
      'verdict: denied by ztunnel in travel-portal: AuthorizationPolicy travel-api-control-allow',
    );
    expect(code).toBe(0);
  });

  it('prints the evaluation as JSON with --format json, with -X and -H passed to the engine', async () => {
    const { code, out } = await run([
      '--from',
      'travel-control/deploy/control',
      '-X',
      'POST',
      '-H',
      'x-user: alice',
      '--format',
      'json',
      VIAGGI,
    ]);
    const json = JSON.parse(out) as {
      request: { method: string; headers: Record<string, string> };
      outcome: { status: number };
      trace: Array<{ hop: string; verdict: string }>;
    };
    expect(json.request).toMatchObject({ method: 'POST', headers: { 'x-user': 'alice' } });
    expect(json.outcome.status).toBe(503);
    expect(json.trace).toContainEqual(expect.objectContaining({ hop: 'ztunnel', verdict: 'deny' }));
    expect(code).toBe(0);
  });

  it('says to start a cluster when none is up, with exit 2', async () => {
    const terminal = createBufferTerminal();
    const home = await mkdtemp(join(tmpdir(), 'labs-explain-none-'));
    const code = await main(['explain', '--from', 'a/b', VIAGGI], {
      terminal,
      cwd: ROOT,
      env: { ...process.env, LABS_HOME: home },
    });
    expect(terminal.stderr()).toContain(
      'no embedded cluster is up: start one with `labs up --target embedded`',
    );
    expect(code).toBe(2);
  });

  it('refuses a --from that is not NS/POD or NS/deploy/NAME with exit 2', async () => {
    const { code, err } = await run(['--from', 'cars-v1', VIAGGI]);
    expect(err).toContain('--from "cars-v1": expected NS/POD or NS/deploy/NAME');
    expect(code).toBe(2);
  });
});

describe('explainRequest on ambient-waypoint, an L7 ALLOW policy without a waypoint', () => {
  let aw: LabCluster;
  beforeAll(async () => {
    aw = await startLabCluster('ambient-waypoint', 'l7-policy-without-waypoint');
  }, 30_000);
  afterAll(async () => aw?.stop());

  it('says ztunnel dropped the rule that names the caller, so the policy allows nothing', async () => {
    const lines = await explainRequest({
      client: aw.client,
      from: 'test/curl',
      url: 'http://helloworld.hello.svc.cluster.local:5000/hello',
    });
    expect(lines).toContain(
      'verdict: denied by ztunnel in hello: AuthorizationPolicy hello-world-authz allows nothing at ztunnel: ztunnel dropped every rule, because they use methods, which only a waypoint sees; the caller is cluster.local/ns/test/sa/default',
    );
    expect(lines[1]).toMatch(/^path: test\/curl → ztunnel for hello\/helloworld-v\d-\S+$/);
    expect(lines.at(-1)).toBe('curl shows: curl: (56) Recv failure: Connection reset by peer');
  });
});
