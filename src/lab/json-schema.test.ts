import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createLabJsonSchema, GENERATED_FILES, renderFormatReference } from './json-schema.ts';
import { ACTION_SCHEMAS, RequestCheck, ResourceCheck, Step } from './schema.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('generated contract files', () => {
  it.each(GENERATED_FILES.map((f) => [f.path, f] as const))('%s matches src/lab/schema.ts (else run `npm run codegen` and commit the result)', (path, file) => {
    const committed = readFileSync(`${root}/${path}`, 'utf8');
    expect(committed, `${path} is stale: run \`npm run codegen\` and commit the result`).toBe(file.render());
  });

  it('makes the JSON Schema reject unknown keys at the top level and in every named type', () => {
    const schema = createLabJsonSchema() as { additionalProperties: boolean; $defs: Record<string, { properties?: unknown; additionalProperties?: boolean }> };
    expect(schema.additionalProperties).toBe(false);
    const objects = Object.entries(schema.$defs).filter(([, def]) => def.properties);
    expect(objects.length).toBeGreaterThan(10);
    for (const [, def] of objects) expect(def.additionalProperties).toBe(false);
  });

  it('documents every field of steps, actions and checks in the reference', () => {
    const reference = renderFormatReference();
    const shapes = [Step, RequestCheck, ResourceCheck, ...Object.values(ACTION_SCHEMAS)].map((s) => Object.keys(s.shape));
    for (const key of shapes.flat()) expect(reference).toContain(`| \`${key}\` |`);
    expect(reference).toContain('| `wait.for` | string matching');
  });
});
