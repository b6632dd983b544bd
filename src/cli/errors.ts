// Errors of the command line itself, and how every error kind maps to an exit code.

export class UsageError extends Error {
  readonly kind = 'usage';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UsageError';
  }
}

// 0 ok, 1 a check or action failed, 2 the lab or command line is invalid, 3 the target cannot be reached.
const EXIT_CODES: Record<string, number> = {
  usage: 2,
  'lab-format': 2,
  'unsafe-context': 2,
  'check-failed': 1,
  'action-failed': 1,
  unreachable: 3,
  'tool-missing': 3,
  download: 3,
  install: 3,
  interrupted: 130,
};

// The exit code for an error thrown by any layer; unknown errors are internal (1).
export function exitCodeFor(error: unknown): number {
  const kind = (error as { kind?: unknown } | null)?.kind;
  return typeof kind === 'string' && kind in EXIT_CODES ? EXIT_CODES[kind]! : 1;
}

// Whether the error is one we expect and explain, so no stack trace is shown.
export function isExpectedError(error: unknown): boolean {
  const kind = (error as { kind?: unknown } | null)?.kind;
  return typeof kind === 'string' && kind in EXIT_CODES;
}
