import { describe, expect, it } from 'vitest';
import type { KubeClient, KubeObject } from '../../cluster/client.ts';
import type { ObjectRef } from '../../cluster/kinds.ts';
import type { RunContext } from '../context.ts';
import { runWaypoint } from './waypoint.ts';

// A cluster where the Gateway is Programmed at once and the waypoint's Deployment becomes available after `readyAfter`
// reads (never, when undefined); time is a fake clock that sleeping advances.
function context(readyAfter: number | undefined): RunContext {
  let now = 0;
  let deploymentReads = 0;
  const client = {
    apply: async (object: KubeObject) => ({ object, warnings: [] }),
    read: async (ref: ObjectRef) => {
      if (ref.kind === 'Gateway') return { apiVersion: ref.apiVersion, kind: 'Gateway', metadata: { name: ref.name }, status: { conditions: [{ type: 'Programmed', status: 'True' }] } };
      deploymentReads += 1;
      const ready = readyAfter !== undefined && deploymentReads > readyAfter ? 1 : 0;
      return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: ref.name }, spec: { replicas: 1 }, status: { readyReplicas: ready } };
    },
    mergePatch: async () => ({}) as KubeObject,
  } as unknown as KubeClient;
  return {
    client,
    clock: { now: () => now, sleep: async (ms: number) => void (now += ms) },
    signal: new AbortController().signal,
    inventory: { record: () => undefined },
  } as unknown as RunContext;
}

describe('the waypoint action', () => {
  it('waits past Programmed until the waypoint Deployment is available, as a check sent at once would race it', async () => {
    const out = await runWaypoint({ waypoint: { namespace: 'hello' } }, context(3));
    expect(out.failure).toBeUndefined();
    expect(out.detail).toEqual(['waypoint hello/waypoint applied', 'waypoint hello/waypoint is ready!']);
  });

  it('fails, naming the Deployment, when the waypoint never starts', async () => {
    const out = await runWaypoint({ waypoint: { namespace: 'hello' } }, context(undefined));
    expect(out.failure).toBe('waypoint hello/waypoint is Programmed, but its Deployment was not available after 90s');
  });
});
