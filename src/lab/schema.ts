// The lab format v1 (shared/LAB-FORMAT.md) as strict zod schemas: the single source of the lab types,
// the JSON Schema in schemas/lab.schema.json, and the format reference in docs/lab-format.md.
// Rules that zod cannot express (exactly one outcome, unique step ids, files) live in semantics.ts.
import { z } from 'zod';

export const DURATION = /^\d+(ms|s|m|h)$/;
export const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;
// NS/POD or NS/deploy/NAME
export const FROM = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?\/(deploy\/)?[a-z0-9]([-.a-z0-9]*[a-z0-9])?$/;
export const RESOURCE_REF = /^[A-Za-z][A-Za-z0-9.]*\/[a-z0-9]([-.a-z0-9]*[a-z0-9])?$/;

// Give an object schema a name: it becomes a $defs entry of the JSON Schema and a section of the reference.
const named = <T extends z.ZodType>(schema: T, id: string, description: string): T =>
  schema.meta({ id, description });

const duration = (what: string) =>
  z.string().regex(DURATION, { message: 'a duration such as 500ms, 30s, 2m or 1h' }).describe(what);
const path = z.string().min(1).describe('A path relative to the lab folder; it must stay inside it.');
const paths = z.union([path, z.array(path).min(1)]);
const resourceRef = z
  .string()
  .regex(RESOURCE_REF, { message: 'KIND/NAME, such as deployment/helloworld-v1' })
  .describe('KIND/NAME, such as deployment/helloworld-v1 or namespace/hello.');
const podRef = z
  .string()
  .regex(FROM, { message: 'NS/POD or NS/deploy/NAME, such as test/curl or hello/deploy/helloworld-v1' })
  .describe('NS/POD, or NS/deploy/NAME for the first ready pod of that deployment.');

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
          .regex(/^(available|ready|deleted|condition=[A-Za-z][A-Za-z0-9.]*)$/, {
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

export const ERRORS = ['reset', 'refused', 'timeout', 'dns', 'empty-reply'] as const;
export const OUTCOME_KEYS = ['status', 'error', 'curlExit'] as const;

const outcomeFields = {
  status: z.number().int().min(100).max(599).optional().describe('An HTTP response with this status.'),
  error: z
    .enum(ERRORS)
    .optional()
    .describe('A connection failure: reset (curl exit 56), refused (7), timeout (28), dns (6), empty-reply (52).'),
  curlExit: z.number().int().min(1).max(255).optional().describe('Any other curl exit code.'),
  body: z.string().optional().describe('The response body contains this text.'),
  bodyMatches: z.string().optional().describe('The response body matches this regular expression.'),
  headers: z.record(z.string(), z.string()).optional().describe('Response headers (names case-insensitive).'),
};

export const RequestExpect = named(
  z.strictObject(outcomeFields),
  'RequestExpect',
  'The outcome the request must have: exactly one of status, error, curlExit; body, bodyMatches and headers may be added.',
);
export const Documented = named(
  z.strictObject({
    ...outcomeFields,
    quote: z.string().optional().describe("The lesson's words for this outcome."),
    note: z.string().optional().describe('Why reality differs, naming the Istio source that settles it.'),
  }),
  'Documented',
  "What the lesson's text claims, with exactly one outcome; where it differs from what is observed, the report lists a doc drift.",
);

const checkTiming = {
  name: z.string().optional().describe('Shown in reports; defaults to "FROM -> METHOD URL" or the resource.'),
  timeout: duration('How long the outcome may take to converge; default set by the target.').optional(),
  consistently: duration('Instead of converging, the outcome must hold for this long.').optional(),
};

export const RequestCheck = named(
  z.strictObject({
    ...checkTiming,
    from: podRef,
    url: z.string().min(1).describe('The URL curl requests.'),
    method: z
      .string()
      .regex(/^[A-Z]+$/, { message: 'an HTTP method in capitals, such as GET' })
      .optional()
      .describe('Default GET.'),
    headers: z.record(z.string(), z.string()).optional().describe('Request headers.'),
    bearer: path.optional().describe('A file whose text is sent as "Authorization: Bearer <text>".'),
    data: z.string().optional().describe('Request body.'),
    expect: RequestExpect,
    documented: Documented.optional(),
  }),
  'RequestCheck',
  'A curl request from a pod.',
);

export const Condition = named(
  z.strictObject({
    type: z.string().describe('Condition type, such as ZtunnelAccepted or Programmed.'),
    status: z.enum(['True', 'False', 'Unknown']).optional().describe('"True", "False" or "Unknown".'),
    reason: z.string().optional().describe('The reason, exactly.'),
    message: z.string().optional().describe('A substring of the message.'),
  }),
  'Condition',
  'A status condition of the object.',
);

export const ResourceExpect = named(
  z.strictObject({
    condition: Condition.optional(),
    exists: z.boolean().optional().describe('Whether the object is there.'),
  }),
  'ResourceExpect',
  'What must hold: exactly one of condition or exists.',
);

export const ResourceCheck = named(
  z.strictObject({
    ...checkTiming,
    resource: resourceRef,
    namespace: z.string().optional().describe('Namespace of the resource.'),
    expect: ResourceExpect,
  }),
  'ResourceCheck',
  'A look at a resource.',
);

export const Check = named(
  z.union([RequestCheck, ResourceCheck]),
  'Check',
  'A request check (from, url, expect) or a resource check (resource, expect).',
);

export const Step = named(
  z.strictObject({
    id: z.string().regex(KEBAB, { message: 'kebab-case, such as strict-mtls' }).describe('Unique in the lab, kebab-case.'),
    title: z.string().min(1).describe('One line.'),
    explain: z.string().optional().describe('Markdown shown before the step in guided mode.'),
    challenge: z.boolean().optional().describe('The learner writes the fix; actions are the reference solution.'),
    actions: z.array(Action).optional().describe('Run in order.'),
    checks: z.array(Check).optional().describe('Run after the actions; all must hold.'),
  }),
  'Step',
  'One step of the lesson.',
);

export const Lesson = named(
  z.strictObject({
    title: z.string().describe("The lesson's title."),
    source: z.string().describe('A file name or a URL.'),
  }),
  'Lesson',
  'The text this lab turns into tests.',
);

export const Mesh = named(
  z.strictObject({
    profile: z.enum(['ambient', 'default']).optional().describe('Istio install profile; default ambient.'),
    istio: z.string().optional().describe('Semver range of Istio versions the lab holds for, such as ">=1.24".'),
  }),
  'Mesh',
  'How Istio is installed.',
);

export const Lab = z
  .strictObject({
    name: z.string().regex(KEBAB, { message: 'kebab-case, such as 080-authorization' }).describe('Equals the folder name.'),
    title: z.string().min(1).describe('The title.'),
    summary: z.string().min(1).describe('One paragraph, shown by labs list and the run header.'),
    lesson: Lesson.optional(),
    mesh: Mesh.optional(),
    setup: z.array(Action).optional().describe('Actions that build the starting point.'),
    steps: z.array(Step).min(1).describe('The lesson steps.'),
  })
  .describe('A lab: a lesson turned into steps of actions and checks (lab.yaml).');

export type ActionExpect = z.infer<typeof ActionExpect>;
export type Action = z.infer<typeof Action>;
export type RequestExpect = z.infer<typeof RequestExpect>;
export type Documented = z.infer<typeof Documented>;
export type RequestCheck = z.infer<typeof RequestCheck>;
export type ResourceCheck = z.infer<typeof ResourceCheck>;
export type Check = z.infer<typeof Check>;
export type Step = z.infer<typeof Step>;
export type Lab = z.infer<typeof Lab>;

// The YAML key an action is written with.
export function actionKind(action: Action): ActionKind {
  const kind = ACTION_KINDS.find((k) => k in action);
  if (!kind) throw new Error(`action has none of ${ACTION_KINDS.join(', ')}`);
  return kind;
}

// Whether a check is a curl request (it has a url) rather than a look at a resource.
export function isRequestCheck(check: Check): check is RequestCheck {
  return 'url' in check;
}
