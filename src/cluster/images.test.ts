import { describe, expect, it } from 'vitest';
import { createExecutor } from './executor.ts';
import { istioImages, listImages, nodePlatform, preloadImages } from './images.ts';
import { createPlan, formatPlan } from './plan.ts';
import type { CommandRunner } from './command.ts';
import { createFakeRunner } from './testing/fake-runner.ts';

const manifests = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'hello' } },
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    spec: { template: { spec: { initContainers: [{ image: 'busybox:1.36' }], containers: [{ image: 'docker.io/istio/examples-helloworld-v1:1.0' }] } } },
  },
  { apiVersion: 'v1', kind: 'Pod', spec: { containers: [{ image: 'curlimages/curl:8.11.1' }, { image: 'busybox:1.36' }] } },
  { apiVersion: 'batch/v1', kind: 'CronJob', spec: { jobTemplate: { spec: { template: { spec: { containers: [{ image: 'alpine:3.20' }] } } } } } },
  null,
];

describe('listImages', () => {
  it('lists the ambient Istio images of the version, then each workload image once', () => {
    expect(listImages(manifests, '1.28.0')).toEqual([
      'docker.io/istio/pilot:1.28.0-distroless',
      'docker.io/istio/ztunnel:1.28.0-distroless',
      'docker.io/istio/install-cni:1.28.0-distroless',
      'docker.io/istio/proxyv2:1.28.0-distroless',
      'busybox:1.36',
      'docker.io/istio/examples-helloworld-v1:1.0',
      'curlimages/curl:8.11.1',
      'alpine:3.20',
    ]);
  });
});

describe('preloadImages', () => {
  it('plans a docker pull then a kind load for each image, in order, in a dry run', async () => {
    const plan = createPlan();
    const exec = createExecutor({ runner: createFakeRunner([]), plan, dryRun: true });
    await preloadImages(exec, { images: ['busybox:1.36', 'alpine:3.20'], cluster: 'labs', platform: 'linux/amd64' });
    expect(formatPlan(plan)).toEqual([
      'run docker pull --platform linux/amd64 busybox:1.36',
      'run kind load docker-image busybox:1.36 --name labs',
      'run docker pull --platform linux/amd64 alpine:3.20',
      'run kind load docker-image alpine:3.20 --name labs',
    ]);
  });

  it('never runs more than the concurrency at once and loads each image only after its pull', async () => {
    let running = 0;
    let peak = 0;
    const done: string[] = [];
    const runner: CommandRunner = {
      async run(command, args) {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setImmediate(resolve));
        running -= 1;
        done.push(`${command} ${args[0]} ${command === 'docker' ? args.at(-1) : args[2]}`);
        return { exitCode: 0, stdout: '', stderr: '' };
      },
    };
    const images = istioImages('1.27.9').concat(['a:1', 'b:1', 'c:1']);
    await preloadImages(createExecutor({ runner, plan: createPlan(), dryRun: false }), { images, cluster: 'labs', concurrency: 3 });
    expect(peak).toBe(3);
    for (const image of images) {
      expect(done.indexOf(`docker pull ${image}`)).toBeGreaterThanOrEqual(0);
      expect(done.indexOf(`docker pull ${image}`)).toBeLessThan(done.indexOf(`kind load ${image}`));
    }
    expect(done).toHaveLength(images.length * 2);
  });

  it('warns and goes on when kind cannot load an image (multi-arch under the containerd store): the nodes pull it', async () => {
    const runner = createFakeRunner([
      { match: 'docker pull', result: {} },
      { match: 'kind load', result: { exitCode: 1, stderr: 'ERROR: failed to load image: command "docker save -o /tmp/images.tar busybox:1.36" failed\nctr: content digest sha256:abc: not found' } },
    ]);
    const warnings: string[] = [];
    await preloadImages(createExecutor({ runner, plan: createPlan(), dryRun: false }), { images: ['busybox:1.36'], cluster: 'labs', warn: (w) => warnings.push(w) });
    expect(warnings).toEqual(['kind could not load busybox:1.36 (ctr: content digest sha256:abc: not found); the nodes will pull it themselves']);
  });

  it('pulls for the nodes\' platform: linux with the host CPU in Docker\'s words', () => {
    expect([nodePlatform('x64'), nodePlatform('arm64')]).toEqual(['linux/amd64', 'linux/arm64']);
  });

  it('reports a failed pull as a download error naming the image', async () => {
    const runner = createFakeRunner([{ match: 'docker pull', result: { exitCode: 1, stderr: 'Error response from daemon: manifest unknown' } }]);
    await expect(
      preloadImages(createExecutor({ runner, plan: createPlan(), dryRun: false }), { images: ['nope:0'], cluster: 'labs', platform: 'linux/amd64' }),
    ).rejects.toMatchObject({
      kind: 'download',
      message: 'docker pull --platform linux/amd64 nope:0 failed with exit code 1. Check the image name and your network.\n  Error response from daemon: manifest unknown',
    });
  });
});
