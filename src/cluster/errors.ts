// Errors the cluster layer raises. Each carries a kind; only src/cli/main.ts maps kinds to exit codes
// (unsafe-context → 2, every other kind → 3). Messages say what happened and what to run next.

export type ClusterErrorKind = 'unreachable' | 'tool-missing' | 'unsafe-context' | 'download' | 'install';

export class ClusterError extends Error {
  override readonly name = 'ClusterError';
  readonly kind: ClusterErrorKind;

  constructor(kind: ClusterErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.kind = kind;
  }
}

export type DockerUser = 'kind' | 'k3s';

const installLinks: Record<string, string> = {
  kubectl: 'https://kubernetes.io/docs/tasks/tools/',
  kind: 'https://kind.sigs.k8s.io/docs/user/quick-start/#installation',
  docker: 'https://docs.docker.com/get-docker/',
  tar: 'your system package manager',
};

// The error for a target that needs Docker when no Docker daemon answers
export function dockerNotRunning(user: DockerUser, cause?: unknown): ClusterError {
  const needs = user === 'kind' ? 'kind needs a Docker daemon' : 'the k3s target runs k3s in a Docker container';
  return new ClusterError(
    'unreachable',
    `Docker is not running: ${needs}. Start Docker (or install it: https://docs.docker.com/get-docker/), ` +
      'or use the embedded cluster (the default target).',
    { cause },
  );
}

// The error for a command-line tool that is not on PATH
export function toolMissing(tool: string, cause?: unknown): ClusterError {
  const link = installLinks[tool] ?? `the ${tool} documentation`;
  return new ClusterError(
    'tool-missing',
    `${tool} was not found on PATH; install it (${link}) or use the embedded cluster.`,
    { cause },
  );
}

// The error for a kube context that lacks the labs marker and was not forced with --yes
export function unsafeContext(context: string): ClusterError {
  return new ClusterError(
    'unsafe-context',
    `Refusing to touch kube context "${context}": it was not created by labs. ` +
      `To use it anyway: --target context=${context} --yes (labs then installs the Istio version asked for there ` +
      'with istioctl, upgrading one istioctl installed but using as it is one installed otherwise, and applies ' +
      'the lab\'s manifests)',
  );
}

// The error for a command that exited non-zero: the exit code in words, then at most 20 output lines
export function commandFailed(options: {
  kind: ClusterErrorKind;
  command: string;
  exitCode: number;
  output: string;
  hint?: string;
}): ClusterError {
  const lines = options.output.split('\n').map((line) => line.trimEnd()).filter((line) => line !== '');
  const tail = lines.slice(-20).map((line) => `  ${line}`);
  const head = `${options.command} failed with exit code ${options.exitCode}.${options.hint ? ` ${options.hint}` : ''}`;
  return new ClusterError(options.kind, [head, ...tail].join('\n'));
}
