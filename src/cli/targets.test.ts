import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { main } from './main.ts';
import { createBufferTerminal } from './terminal.ts';
import { HELLO_URL, STRICT_STEP, writeInlineLab } from './testing/inline-lab.ts';

const bin = fileURLToPath(new URL('../../bin/labs.js', import.meta.url));
const steps = STRICT_STEP;

describe('targets from the command line', () => {
  it('prints the dry-run plan of a run on kind: the cluster, istioctl, then every API call and check, doing nothing', async () => {
    const dir = await writeInlineLab({ steps });
    const terminal = createBufferTerminal();
    const code = await main(['run', dir, '--target', 'kind', '--istio', '1.28.0', '--dry-run'], {
      terminal,
      cwd: dir,
      env: { ...process.env, LABS_HOME: join(dir, 'home'), HOME: dir },
    });
    expect(code).toBe(0);
    const lines = terminal.stdout().split('\n');
    expect(lines).toContain('run kind create cluster --name labs --config clusters/kind/labs.yaml --wait 120s --kubeconfig ~/home/kind-labs.kubeconfig');
    expect(lines).toContain('api apply (server-side, field manager labs) PeerAuthentication/istio-system/default   # manifests/strict.yaml document 1');
    expect(lines.at(-2)).toBe(`check kubectl exec -n test deploy/curl -- curl -sS -i --max-time 20 ${HELLO_URL}`);
  });

  it('plans --preload: every image of the lab and of Istio pulled and loaded into kind', async () => {
    const dir = await writeInlineLab({ steps });
    const terminal = createBufferTerminal();
    await main(['run', dir, '--target', 'kind', '--dry-run', '--preload'], { terminal, cwd: dir, env: { ...process.env, LABS_HOME: join(dir, 'home') } });
    const lines = terminal.stdout().split('\n');
    expect(lines).toContainEqual(expect.stringMatching(/^run docker pull --platform linux\/(amd64|arm64) docker\.io\/istio\/examples-helloworld-v1:1\.0$/));
    expect(lines).toContain('run kind load docker-image docker.io/curlimages/curl:8.16.0 --name labs');
    expect(lines).toContain('run kind load docker-image docker.io/istio/ztunnel:1.28.0-distroless --name labs');
  });

  it('stops on Ctrl-C after the current request, says how to resume, and exits 130', async () => {
    const waiting = `  - id: waits
    title: waits for a deployment that never comes
    actions:
      - wait: { resource: deployment/never, namespace: hello, for: available, timeout: 60s }
`;
    const dir = await writeInlineLab({ steps: waiting });
    const child = execa('node', [bin, 'run', dir], { reject: false, env: { LABS_HOME: join(dir, 'home') } });
    let seen = '';
    await new Promise<void>((resolve) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if (seen.includes('● waits')) resolve();
      });
    });
    child.kill('SIGINT');
    const result = await child;
    expect(result.exitCode).toBe(130);
    expect(result.stderr).toContain('Interrupted. Resume with: labs run inline-lab --from waits; start over with: labs reset inline-lab');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 3 naming Docker when kind has no Docker daemon, with no stack trace', async () => {
    const dir = await writeInlineLab({ steps });
    const result = await execa('node', [bin, 'run', dir, '--target', 'kind'], { reject: false, env: { LABS_HOME: join(dir, 'home') } });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('Docker is not running');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses an unknown target with the list of targets (exit 2)', async () => {
    const dir = await writeInlineLab({ steps });
    const terminal = createBufferTerminal();
    const code = await main(['run', dir, '--target', 'minikube'], { terminal, cwd: dir, env: { ...process.env, LABS_HOME: join(dir, 'home') } });
    expect(code).toBe(2);
    expect(terminal.stderr()).toContain('--target minikube: unknown target; choose one of embedded, kind, k3s, context=NAME');
  });
});
