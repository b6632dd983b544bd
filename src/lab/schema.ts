// The lab format v1 (shared/LAB-FORMAT.md) as strict zod schemas: the single source of the lab types,
// the JSON Schema in schemas/lab.schema.json, and the format reference in docs/lab-format.md.
// Actions and checks live in action-schema.ts and check-schema.ts; this file re-exports them.
// Rules that zod cannot express (exactly one outcome, unique step ids, files) live in semantics.ts.
import { z } from 'zod';
import { Action } from './action-schema.ts';
import { Check } from './check-schema.ts';
import { ISTIO_RANGE, KEBAB, named } from './schema-fields.ts';

export { DURATION, KEBAB, FROM, RESOURCE_REF, ISTIO_RANGE } from './schema-fields.ts';
export {
  ActionExpect,
  ApplyAction,
  DeleteAction,
  LabelAction,
  WaypointAction,
  KubectlAction,
  ExecAction,
  WaitAction,
  ACTION_KINDS,
  ACTION_SCHEMAS,
  Action,
  actionKind,
  type ActionKind,
} from './action-schema.ts';
export {
  ERRORS,
  OUTCOME_KEYS,
  RequestExpect,
  Documented,
  RequestCheck,
  Condition,
  ResourceExpect,
  ResourceCheck,
  Check,
  isRequestCheck,
} from './check-schema.ts';

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
    istio: z
      .string()
      .regex(ISTIO_RANGE, { message: 'a semver range of Istio versions, such as ">=1.24", "1.26.x" or ">=1.24 <1.29"' })
      .optional()
      .describe('Semver range of Istio versions the lab holds for, such as ">=1.24".'),
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

export type Step = z.infer<typeof Step>;
export type Lab = z.infer<typeof Lab>;
