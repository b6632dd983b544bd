// Install Istio with istioctl on a cluster: Gateway API CRDs when absent or older than Istio needs, `istioctl install`
// unless the same version with the same data plane is already there, then wait for istiod, ztunnel and istio-cni
// like istio.io's own doc tests do.
import semver from 'semver';
import type { Executor } from '../executor.ts';
import { kubeFlags, type KubeTarget } from '../kube-target.ts';
import type { IstioSettings } from './settings.ts';

export type IstioProfile = 'ambient' | 'default';
export type IstioPlatform = 'k3s' | 'k3d' | 'gke' | 'minikube' | 'microk8s' | 'openshift';

export interface InstallRequest {
  kube: KubeTarget;
  istioctl: string; // path to the binary
  settings: IstioSettings;
  profile: IstioProfile;
  platform?: IstioPlatform; // values.global.platform (manifests/helm-profiles/platform-*.yaml)
  log?: (line: string) => void;
}

const gatewayCrd = 'gateways.gateway.networking.k8s.io';
const notFound = { exitCode: 1, stdout: '', stderr: 'NotFound' };

// Whether a bundle-version annotation names an older Gateway API release than the one wanted ("v1.3.0" < "v1.4.0").
function olderRelease(have: string, want: string): boolean {
  const [h, w] = [semver.coerce(have, { includePrerelease: true }), semver.coerce(want, { includePrerelease: true })];
  return h !== null && w !== null && semver.lt(h, w);
}

// Apply the Gateway API CRDs of the version Istio needs, when the cluster has none or an older release (the
// bundles annotate each CRD with gateway.networking.k8s.io/bundle-version). CRDs without the annotation were
// installed some other way and are left alone.
export async function ensureGatewayApiCrds(exec: Executor, kube: KubeTarget, settings: IstioSettings): Promise<void> {
  const kubectl = (args: string[]) => [...kubeFlags(kube), ...args];
  const annotation = 'jsonpath={.metadata.annotations.gateway\\.networking\\.k8s\\.io/bundle-version}';
  const present = await exec.ask('kubectl', kubectl(['get', 'crd', gatewayCrd, '-o', annotation]), { assume: notFound });
  const have = present.stdout.trim();
  if (present.exitCode === 0 && !olderRelease(have, settings.gatewayApiVersion)) return;
  const when = `${gatewayCrd} is absent or older than ${settings.gatewayApiVersion}`;
  // gateway-api#4156: the v1.4 bundles exceed the client-side apply annotation limit, so always server-side;
  // --force-conflicts takes over fields an older bundle's apply owned.
  await exec.run('kubectl', kubectl(['apply', '--server-side', '--force-conflicts', '-f', settings.gatewayApiUrl]), {
    when,
    hint: `Check that the cluster can be reached and that ${settings.gatewayApiUrl} can be downloaded.`,
  });
  await exec.run('kubectl', kubectl(['wait', '--for=condition=Established', `crd/${gatewayCrd}`, '--timeout=60s']), { when });
}

// Whether the ambient data plane is installed (istioctl installs ztunnel only with the ambient profile).
async function hasZtunnel(exec: Executor, kube: KubeTarget): Promise<boolean> {
  const answer = await exec.ask('kubectl', [...kubeFlags(kube), '-n', 'istio-system', 'get', 'daemonset', 'ztunnel', '-o', 'name'], { assume: notFound });
  return answer.exitCode === 0;
}

// The Istio version installed on the cluster, from istiod's operator.istio.io/version label
// Istio: operator/pkg/manifest/name.go — every object istioctl installs carries that label.
export async function readInstalledIstio(exec: Executor, kube: KubeTarget): Promise<string | undefined> {
  const args = [
    ...kubeFlags(kube),
    '-n',
    'istio-system',
    'get',
    'deployment',
    'istiod',
    '-o',
    'jsonpath={.metadata.labels.operator\\.istio\\.io/version}',
  ];
  const answer = await exec.ask('kubectl', args, { assume: notFound });
  const version = answer.stdout.trim();
  return answer.exitCode === 0 && version !== '' ? version : undefined;
}

// The image of istiod when it runs without istioctl's version label: an Istio installed some other way (Helm, an
// operator), which istioctl must not be run over. undefined when there is no istiod.
async function readForeignIstiod(exec: Executor, kube: KubeTarget): Promise<string | undefined> {
  const args = [...kubeFlags(kube), '-n', 'istio-system', 'get', 'deployment', 'istiod', '-o', 'jsonpath={.spec.template.spec.containers[0].image}'];
  const answer = await exec.ask('kubectl', args, { assume: notFound });
  const image = answer.stdout.trim();
  return answer.exitCode === 0 && image !== '' ? image : undefined;
}

// The istioctl install arguments for a request
export function installArgs(request: InstallRequest): string[] {
  const platform = request.platform ? ['--set', `values.global.platform=${request.platform}`] : [];
  return [
    'install',
    ...kubeFlags(request.kube),
    '--set',
    `profile=${request.profile}`,
    ...platform,
    ...request.settings.installFlags,
    '-y',
  ];
}

// Install (or upgrade to) the Istio version asked for, reusing a matching install; return the version
export async function installIstio(exec: Executor, request: InstallRequest): Promise<{ version: string; reused: boolean }> {
  const { kube, settings } = request;
  await ensureGatewayApiCrds(exec, kube, settings);
  const installed = await readInstalledIstio(exec, kube);
  const foreign = installed === undefined ? await readForeignIstiod(exec, kube) : undefined;
  if (foreign) {
    // istioctl over a Helm or operator install would fight it for the same objects: use that Istio as it is.
    const version = /:(\d+\.\d+\.\d+)/.exec(foreign)?.[1] ?? 'unknown';
    request.log?.(
      `Istio ${version} (${foreign}) was not installed by istioctl; labs uses it as it is and installs nothing` +
        (version === settings.version ? '' : `, although ${settings.version} was asked for`),
    );
    await waitForControlPlane(exec, kube, request.profile);
    return { version, reused: true };
  }
  // The ambient profile still runs sidecars, so only a request for ambient can need a reinstall at the same version.
  const missingAmbient = installed === settings.version && request.profile === 'ambient' && !(await hasZtunnel(exec, kube));
  const reused = installed === settings.version && !missingAmbient;
  if (reused) request.log?.(`Istio ${settings.version} is already installed; reusing it`);
  else {
    const from = missingAmbient ? ' (it is installed without the ambient data plane)' : installed ? ` (upgrading from ${installed})` : '';
    request.log?.(`Installing Istio ${settings.version} (${request.profile}) with ${request.istioctl}${from}`);
    // istioctl install waits up to --readiness-timeout (300s) per component and fails non-zero on timeout
    await exec.run(request.istioctl, installArgs(request), {
      hint: 'See which component failed above; `kubectl -n istio-system get pods` shows why.',
    });
  }
  await waitForControlPlane(exec, kube, request.profile);
  return { version: settings.version, reused };
}

// Wait for istiod, and in ambient for ztunnel and istio-cni-node (istio.io docs/ambient/getting-started/test.sh)
export async function waitForControlPlane(exec: Executor, kube: KubeTarget, profile: IstioProfile): Promise<void> {
  const workloads = ['deployment/istiod', ...(profile === 'ambient' ? ['daemonset/ztunnel', 'daemonset/istio-cni-node'] : [])];
  for (const workload of workloads) {
    await exec.run('kubectl', [...kubeFlags(kube), '-n', 'istio-system', 'rollout', 'status', workload, '--timeout=5m'], {
      hint: `Run \`kubectl -n istio-system describe ${workload}\` to see what it waits for.`,
    });
  }
}
