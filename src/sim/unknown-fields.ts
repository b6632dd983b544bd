// Unknown-field detection for the built-in kinds we model, for fieldValidation=Strict (400) and
// Warn (a warning), worded as the API server's strict decoder does ('unknown field "spec.foo"').
import type { KubeObject } from '../mesh/types.ts';

type Shape = { [key: string]: Shape | true | 'list' };
type ListShape = { list: Shape };

const meta: Shape = Object.fromEntries(['name', 'generateName', 'namespace', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields', 'selfLink'].map((k) => [k, true]));
const leaf = (...keys: string[]): Shape => Object.fromEntries(keys.map((k) => [k, true]));

const container = leaf('name', 'image', 'command', 'args', 'workingDir', 'ports', 'envFrom', 'env', 'resources', 'resizePolicy', 'restartPolicy', 'volumeMounts', 'volumeDevices', 'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle', 'terminationMessagePath', 'terminationMessagePolicy', 'imagePullPolicy', 'securityContext', 'stdin', 'stdinOnce', 'tty');
const podSpec: Shape = {
  ...leaf('volumes', 'ephemeralContainers', 'restartPolicy', 'terminationGracePeriodSeconds', 'activeDeadlineSeconds', 'dnsPolicy', 'nodeSelector', 'serviceAccountName', 'serviceAccount', 'automountServiceAccountToken', 'nodeName', 'hostNetwork', 'hostPID', 'hostIPC', 'shareProcessNamespace', 'securityContext', 'imagePullSecrets', 'hostname', 'subdomain', 'affinity', 'schedulerName', 'tolerations', 'hostAliases', 'priorityClassName', 'priority', 'dnsConfig', 'readinessGates', 'runtimeClassName', 'enableServiceLinks', 'preemptionPolicy', 'overhead', 'topologySpreadConstraints', 'setHostnameAsFQDN', 'os', 'hostUsers', 'schedulingGates', 'resourceClaims', 'resources'),
  containers: { list: container },
  initContainers: { list: container },
};
const template: Shape = { metadata: meta, spec: podSpec };
const servicePort = leaf('name', 'protocol', 'appProtocol', 'port', 'targetPort', 'nodePort');

const SHAPES: Record<string, Shape> = {
  Pod: { spec: podSpec, status: true },
  Service: { spec: { ...leaf('selector', 'clusterIP', 'clusterIPs', 'type', 'externalIPs', 'sessionAffinity', 'loadBalancerIP', 'loadBalancerSourceRanges', 'externalName', 'externalTrafficPolicy', 'healthCheckNodePort', 'publishNotReadyAddresses', 'sessionAffinityConfig', 'ipFamilies', 'ipFamilyPolicy', 'allocateLoadBalancerNodePorts', 'loadBalancerClass', 'internalTrafficPolicy', 'trafficDistribution'), ports: { list: servicePort } as unknown as Shape }, status: true },
  Deployment: { spec: { ...leaf('replicas', 'selector', 'strategy', 'minReadySeconds', 'revisionHistoryLimit', 'paused', 'progressDeadlineSeconds'), template }, status: true },
  Namespace: { spec: true, status: true },
  ServiceAccount: leaf('secrets', 'imagePullSecrets', 'automountServiceAccountToken'),
  ConfigMap: leaf('data', 'binaryData', 'immutable'),
  Secret: leaf('data', 'stringData', 'type', 'immutable'),
};

function walk(value: unknown, shape: Shape, prefix: string, out: string[]): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
  for (const [key, child] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    const rule = shape[key];
    if (rule === undefined) out.push(path);
    else if (typeof rule === 'object' && 'list' in rule && Array.isArray(child)) {
      child.forEach((item, i) => walk(item, (rule as unknown as ListShape).list, `${path}[${i}]`, out));
    } else if (typeof rule === 'object') walk(child, rule, path, out);
  }
}

// The paths of fields a built-in kind does not have ("spec.contaners"); [] for kinds we do not model.
export function findUnknownFields(obj: KubeObject, group: string): string[] {
  const shape = group === '' || group === 'apps' ? SHAPES[obj.kind] : undefined;
  if (!shape) return [];
  const out: string[] = [];
  walk(obj, { apiVersion: true, kind: true, metadata: meta, ...shape }, '', out);
  return out;
}
