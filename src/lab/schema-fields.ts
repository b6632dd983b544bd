// The building blocks of the lab schema: reference forms, durations and paths, and how a type gets its name.
import { z } from 'zod';

export const DURATION = /^\d+(ms|s|m|h)$/;
export const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;
// NS/POD or NS/deploy/NAME
export const FROM = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?\/(deploy\/)?[a-z0-9]([-.a-z0-9]*[a-z0-9])?$/;
// A semver range of Istio versions: comparators such as >=1.24, <1.29, ^1.26, 1.27.x joined by spaces, or a
// hyphen range 1.24 - 1.28; sets joined by ||.
const VERSION = String.raw`\d+(\.(\d+|x|\*)){0,2}`;
const COMPARATOR = String.raw`((>=|<=|>|<|=|\^|~)\s*)?${VERSION}`;
const SET = String.raw`(${VERSION}\s+-\s+${VERSION}|${COMPARATOR}(\s+${COMPARATOR})*)`;
export const ISTIO_RANGE = new RegExp(String.raw`^${SET}(\s*\|\|\s*${SET})*$`);
export const RESOURCE_REF = /^[A-Za-z][A-Za-z0-9.]*\/[a-z0-9]([-.a-z0-9]*[a-z0-9])?$/;

// Give an object schema a name: it becomes a $defs entry of the JSON Schema and a section of the reference.
export const named = <T extends z.ZodType>(schema: T, id: string, description: string): T =>
  schema.meta({ id, description });

// A duration field such as 30s, described by what it bounds.
export const duration = (what: string) =>
  z.string().regex(DURATION, { message: 'a duration such as 500ms, 30s, 2m or 1h' }).describe(what);
// A file named in lab.yaml, and one file or a list of them.
export const path = z.string().min(1).describe('A path relative to the lab folder; it must stay inside it.');
export const paths = z.union([path, z.array(path).min(1)]);
// KIND/NAME and NS/POD references.
export const resourceRef = z
  .string()
  .regex(RESOURCE_REF, { message: 'KIND/NAME, such as deployment/helloworld-v1' })
  .describe('KIND/NAME, such as deployment/helloworld-v1 or namespace/hello.');
export const podRef = z
  .string()
  .regex(FROM, { message: 'NS/POD or NS/deploy/NAME, such as test/curl or hello/deploy/helloworld-v1' })
  .describe('NS/POD, or NS/deploy/NAME for the first ready pod of that deployment.');
