import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderExampleLab, writeExampleLab } from './example-lab.ts';
import { defaultLabsDir, LabFormatError, LabNotFoundError, listLabs, loadLab } from './index.ts';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'labs-load-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function captureError(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('loadLab', () => {
  it('loads a valid lab with its manifests by document and its token files', async () => {
    const dir = await writeExampleLab(root, 'strict');
    const loaded = await loadLab('strict', { labsDir: root, cwd: root });
    expect(loaded.lab.name).toBe('strict');
    expect(loaded.dir).toBe(dir);
    expect(loaded.file).toBe(join(dir, 'lab.yaml'));
    expect([...loaded.manifests.keys()]).toEqual(['manifests/apps.yaml', 'manifests/01-strict.yaml']);
    const apps = loaded.manifests.get('manifests/apps.yaml')!;
    expect(apps.map((d) => [d.index, d.line, d.column, d.object.kind, d.object.metadata.name])).toEqual([
      [1, 1, 1, 'Namespace', 'hello'],
      [2, 6, 1, 'Deployment', 'helloworld-v1'],
    ]);
    expect(loaded.files.get('tokens/alice.jwt')).toBe('eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSJ9.\n');
  });

  it('accepts every condition type Kubernetes allows in wait, a DNS prefix and dashes included', async () => {
    for (const type of ['Programmed', 'istio.io/WaypointBound', 'Ready-Now', 'Needs_Review']) {
      await writeExampleLab(root, 'strict', renderExampleLab('strict').replace('for: available', `for: condition=${type}`));
      await expect(loadLab('strict', { labsDir: root, cwd: root })).resolves.toBeDefined();
    }
    await writeExampleLab(root, 'strict', renderExampleLab('strict').replace('for: available', 'for: condition=-Bad'));
    expect(await captureError(loadLab('strict', { labsDir: root, cwd: root }))).toBeInstanceOf(LabFormatError);
  });

  it('locates lab.yaml nodes by path for the runner to cite', async () => {
    await writeExampleLab(root, 'strict');
    const loaded = await loadLab(join(root, 'strict'), { cwd: '/' });
    expect(loaded.locate(['steps', 0, 'checks', 0, 'expect'])).toEqual({ file: loaded.file, line: 25, column: 17 });
    expect(loaded.locate(['steps', 1, 'id'])).toEqual({ file: loaded.file, line: 33, column: 9 });
    expect(loaded.locate(['steps', 9])).toBeUndefined();
  });

  it('accepts the path of a lab.yaml as well as its folder', async () => {
    const dir = await writeExampleLab(root, 'strict');
    const loaded = await loadLab(join(dir, 'lab.yaml'), { labsDir: '/nonexistent', cwd: root });
    expect(loaded.lab.steps.map((s) => s.id)).toEqual(['strict-mtls', 'jwt']);
  });

  it('names a lab that does not exist and suggests the closest one', async () => {
    await writeExampleLab(root, 'strict-mtls');
    const error = await captureError(loadLab('strict-mtsl', { labsDir: root, cwd: root }));
    expect(error).toBeInstanceOf(LabNotFoundError);
    expect((error as Error).message).toBe(
      'No lab "strict-mtsl": it is neither a folder under . nor a path to a lab. Did you mean "strict-mtls"?',
    );
  });

  it('refuses a folder without lab.yaml', async () => {
    await mkdir(join(root, 'empty'));
    const error = await captureError(loadLab('./empty', { labsDir: root, cwd: root }));
    expect((error as Error).message).toBe('empty has no lab.yaml; a lab is a folder with a lab.yaml in it.');
  });

  it('reports every problem at once, sorted by position, lab.yaml before manifests', async () => {
    const yaml = renderExampleLab('strict')
      .replace('expect: { exists: true }', 'expect: { exists: true, colour: red }')
      .replace('for: available', 'for: availble')
      .replace('manifests/01-strict.yaml', 'manifests/02-missing.yaml');
    await writeExampleLab(root, 'strict', yaml);
    await writeFile(join(root, 'strict', 'manifests', 'apps.yaml'), 'apiVersion: v1\nmetadata: { name: x }\n');
    const error = (await captureError(loadLab('strict', { labsDir: root, cwd: root }))) as LabFormatError;
    expect(error).toBeInstanceOf(LabFormatError);
    expect(error.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.path}`)).toEqual([
      'strict/lab.yaml:14:72 setup[1].wait.for',
      'strict/lab.yaml:21:16 steps[0].actions[0].apply',
      'strict/lab.yaml:32:33 steps[0].checks[1].expect',
      'strict/manifests/apps.yaml:1:1 ',
    ]);
    expect(error.message.split('\n')).toHaveLength(4);
  });

  it('shows files outside the cwd by their absolute path', async () => {
    await writeExampleLab(root, 'strict', renderExampleLab('other'));
    const error = (await captureError(loadLab(join(root, 'strict'), { cwd: '/nonexistent-cwd' }))) as LabFormatError;
    expect(error.problems[0]!.file).toBe(join(root, 'strict', 'lab.yaml'));
  });
});

describe('listLabs and defaultLabsDir', () => {
  it('lists only folders that hold a lab.yaml, sorted', async () => {
    await writeExampleLab(root, 'zeta');
    await writeExampleLab(root, 'alpha');
    await mkdir(join(root, 'notes'));
    await writeFile(join(root, 'README.md'), '# labs\n');
    expect(await listLabs(root)).toEqual(['alpha', 'zeta']);
    expect(await listLabs(join(root, 'missing'))).toEqual([]);
  });

  it('prefers ./labs of the cwd when it holds labs, else the packaged labs folder', async () => {
    await writeExampleLab(join(root, 'labs'), 'alpha');
    expect(defaultLabsDir(root)).toBe(join(root, 'labs'));
    expect(defaultLabsDir(join(root, 'labs', 'alpha'))).toMatch(/[/\\]labs$/);
    expect(defaultLabsDir(join(root, 'labs', 'alpha'))).not.toBe(join(root, 'labs', 'alpha', 'labs'));
  });
});
