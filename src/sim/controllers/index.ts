// The controllers of the embedded cluster, in the order they run after every write.
import type { Controller } from '../cluster.ts';
import { runAmbientCni } from './ambient-cni.ts';
import { pruneContainerRuns } from './container-runs.ts';
import { runEndpointsController } from './endpoints.ts';
import { runGatewayController } from './gateways.ts';
import { runKubelet } from './kubelet.ts';
import { runNamespaceDefaults } from './namespace-defaults.ts';
import { runPolicyStatus } from './policy-status.ts';
import { runGarbageCollector, runWorkloadControllers } from './workloads.ts';

export const CONTROLLERS: readonly Controller[] = [
  runNamespaceDefaults, runGatewayController, runWorkloadControllers, runKubelet, runAmbientCni, runGarbageCollector, runEndpointsController, runPolicyStatus,
  pruneContainerRuns,
];
