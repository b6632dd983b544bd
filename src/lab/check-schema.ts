// The checks of lab.yaml: a curl request from a pod, or a look at a resource (shared/LAB-FORMAT.md, Checks).
import { z } from 'zod';
import { duration, named, path, podRef, resourceRef } from './schema-fields.ts';

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

export type RequestExpect = z.infer<typeof RequestExpect>;
export type Documented = z.infer<typeof Documented>;
export type RequestCheck = z.infer<typeof RequestCheck>;
export type ResourceCheck = z.infer<typeof ResourceCheck>;
export type Check = z.infer<typeof Check>;

// Whether a check is a curl request (it has a url) rather than a look at a resource.
export function isRequestCheck(check: Check): check is RequestCheck {
  return 'url' in check;
}
