// The actions of lab.yaml, one schema per YAML key (shared/LAB-FORMAT.md, Actions).
import { z } from 'zod';
import { named, paths, podRef, resourceRef, duration } from './schema-fields.ts';

export const ActionExpect = named(
  z.strictObject({
    rejected: z.string().optional().describe('apply: the API refuses the object with a message containing this text.'),
    warning: z.string().optional().describe('apply: the object is accepted with a warning containing this text.'),
    exitCode: z.number().int().min(0).max(255).optional().describe('kubectl, exec: the command exits with this code.'),
    output: z.string().optional().describe('kubectl, exec: stdout or stderr contains this text.'),
  }),
  'ActionExpect',
  'How the action should fail or what it should print; without it, any failure fails the step.',
);

const actionExpect = { expect: ActionExpect.optional() };

export const ApplyAction = named(
  z.strictObject({
    apply: paths.describe('Server-side apply every document in these files (field manager labs).'),
    ...actionExpect,
  }),
  'ApplyAction',
  'Server-side apply of manifests.',
);
export const DeleteAction = named(
  z.strictObject({
    delete: paths.describe('Delete every object in these files; absent objects are not an error.'),
    ...actionExpect,
  }),
  'DeleteAction',
  'Delete the objects of manifests.',
);
export const LabelAction = named(
  z.strictObject({
    label: z
      .strictObject({
        resource: resourceRef,
        namespace: z.string().optional().describe('Namespace of the resource; not for cluster-scoped kinds.'),
        labels: z.record(z.string(), z.string().nullable()).describe('Labels to set; null removes one.'),
      })
      .describe('Set or remove labels on one object; resource namespace/NAME labels a namespace.'),
    ...actionExpect,
  }),
  'LabelAction',
  'Set labels.',
);
export const WaypointAction = named(
  z.strictObject({
    waypoint: z
      .strictObject({
        namespace: z.string().describe('Namespace of the waypoint.'),
        name: z.string().optional().describe('Gateway name; default waypoint.'),
        for: z.enum(['service', 'workload', 'all', 'none']).optional().describe('Traffic type (istio.io/waypoint-for).'),
        enroll: z.boolean().optional().describe('Label the namespace istio.io/use-waypoint: NAME.'),
      })
      .describe('What `istioctl waypoint apply -n NS [--enroll-namespace]` does; waits until Programmed.'),
    ...actionExpect,
  }),
  'WaypointAction',
  'Deploy a waypoint.',
);
export const KubectlAction = named(
  z.strictObject({
    kubectl: z.string().min(1).describe('Arguments of the kubectl binary, as the lesson types them.'),
    ...actionExpect,
  }),
  'KubectlAction',
  'Run kubectl against the target.',
);
export const ExecAction = named(
  z.strictObject({
    exec: z
      .strictObject({ from: podRef, command: z.array(z.string()).min(1).describe('argv of the command.') })
      .describe('Run a command in a pod.'),
    ...actionExpect,
  }),
  'ExecAction',
  'Run a command in a pod.',
);
export const WaitAction = named(
  z.strictObject({
    wait: z
      .strictObject({
        resource: resourceRef,
        namespace: z.string().optional().describe('Namespace of the resource.'),
        for: z
          .string()
          // A condition type as metav1.Condition validates it: an optional DNS prefix (istio.io/WaypointBound).
          .regex(/^(available|ready|deleted|condition=([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)$/, {
            message: 'available, ready, deleted or condition=TYPE',
          })
          .describe('available | ready | deleted | condition=TYPE'),
        timeout: duration('How long to wait before the step fails; default 60s.').optional(),
      })
      .describe('Block until a state holds.'),
    ...actionExpect,
  }),
  'WaitAction',
  'Wait for a resource.',
);

export const ACTION_KINDS = ['apply', 'delete', 'label', 'waypoint', 'kubectl', 'exec', 'wait'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

// One schema per action key, in the order of ACTION_KINDS; the loader validates an action against its kind.
export const ACTION_SCHEMAS = {
  apply: ApplyAction,
  delete: DeleteAction,
  label: LabelAction,
  waypoint: WaypointAction,
  kubectl: KubectlAction,
  exec: ExecAction,
  wait: WaitAction,
} as const;

export const Action = named(
  z.union([ApplyAction, DeleteAction, LabelAction, WaypointAction, KubectlAction, ExecAction, WaitAction]),
  'Action',
  'A mapping with exactly one of apply, delete, label, waypoint, kubectl, exec, wait, plus an optional expect.',
);

export type ActionExpect = z.infer<typeof ActionExpect>;
export type Action = z.infer<typeof Action>;

// The YAML key an action is written with.
export function actionKind(action: Action): ActionKind {
  const kind = ACTION_KINDS.find((k) => k in action);
  if (!kind) throw new Error(`action has none of ${ACTION_KINDS.join(', ')}`);
  return kind;
}
