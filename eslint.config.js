// Lint rules, with the folder boundaries of ARCHITECTURE.md enforced by no-restricted-imports.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
const folder = (name, message) => ({ group: [`**/${name}/**`, `../${name}/*`, `../../${name}/*`], message });

export default tseslint.config(
  { ignores: ['node_modules/**', 'bin/**', 'coverage/**', 'src/lab/testdata/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/restrict-template-expressions': 'off',
      'no-console': 'error',
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'exit', message: 'Only src/cli/ exits: throw an error with a kind instead.' },
        { object: 'process', property: 'stdout', message: 'Only src/cli/ writes to the terminal: emit a RunEvent.' },
        { object: 'process', property: 'stderr', message: 'Only src/cli/ writes to the terminal: emit a RunEvent.' },
      ],
    },
  },
  { files: ['src/cli/**', 'scripts/**'], rules: { 'no-console': 'off', 'no-restricted-properties': 'off' } },
  { files: ['**/*.test.ts'], rules: { 'no-restricted-properties': 'off', '@typescript-eslint/unbound-method': 'off' } },
  {
    files: ['src/mesh/**'],
    ignores: ['**/*.test.ts'],
    rules: restrict([
      { group: ['node:*', 'fs', 'net', 'http', 'https', 'child_process'], message: 'mesh/ is pure: it must not import node:* (objects in, verdict out).' },
      folder('cluster', 'mesh/ is pure: it must not import cluster/.'),
      folder('sim', 'mesh/ is pure: it must not import sim/.'),
      folder('runner', 'mesh/ imports nothing of ours.'),
      folder('lab', 'mesh/ imports nothing of ours.'),
      folder('cli', 'mesh/ imports nothing of ours.'),
      folder('report', 'mesh/ imports nothing of ours.'),
    ]),
  },
  {
    files: ['src/lab/**'],
    rules: restrict(['cli', 'runner', 'report', 'cluster', 'mesh', 'sim'].map((f) => folder(f, 'lab/ imports nothing of ours.'))),
  },
  {
    files: ['src/sim/**'],
    rules: restrict(['cli', 'runner', 'report', 'cluster', 'lab'].map((f) => folder(f, 'sim/ may import only mesh/.'))),
  },
  {
    files: ['src/cluster/**'],
    rules: restrict(['cli', 'runner', 'report', 'mesh'].map((f) => folder(f, 'cluster/ may import only sim/ (to start the embedded cluster).'))),
  },
  {
    files: ['src/runner/**'],
    rules: restrict([
      folder('cli', 'runner/ must not import cli/: emit events, the CLI prints them.'),
      folder('report', 'runner/ must not import report/: reporters consume runner events.'),
      folder('sim', 'runner/ must not import sim/: the runner only talks to a Kubernetes API.'),
      folder('mesh', 'runner/ must not import mesh/: it sees what curl sees.'),
      { group: ['**/cluster/providers/**', '../cluster/providers/*'], message: 'runner/ must not import cluster/providers/: ask the provider interface.' },
    ]),
  },
  {
    files: ['src/lint/**'],
    ignores: ['**/*.test.ts', '**/testing/**'],
    rules: restrict(['cli', 'runner', 'report', 'cluster', 'sim', 'explain'].map((f) => folder(f, 'lint/ works on manifests alone: it may import lab/ and mesh/.'))),
  },
  {
    files: ['src/explain/**'],
    ignores: ['**/*.test.ts', '**/testing/**'],
    rules: restrict(['cli', 'sim'].map((f) => folder(f, 'explain/ reads any cluster through cluster/client: it must not import cli/ or sim/.'))),
  },
  {
    files: ['src/report/**'],
    rules: restrict(['cli', 'cluster', 'sim', 'mesh'].map((f) => folder(f, 'report/ may import lab/ and runner event types only.'))),
  },
);
