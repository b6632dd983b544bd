// The errors the lab loader throws: every problem names its file:line:col and the lab.yaml path.

export type PathSegment = string | number;

// One thing wrong with a lab, where it is, and what to do about it.
export interface LabProblem {
  file: string; // as shown: relative to the cwd when inside it, else absolute
  line: number; // 1-based
  column: number; // 1-based
  path: string; // steps[1].checks[0].expect; empty for YAML syntax and manifest problems
  message: string;
}

// A lab that is not valid; the message lists every problem, one per line, sorted by position.
export class LabFormatError extends Error {
  readonly kind = 'lab-format';
  readonly problems: LabProblem[];
  constructor(problems: LabProblem[], options?: { cause?: unknown }) {
    super(problems.map(formatProblem).join('\n'), options);
    this.name = 'LabFormatError';
    this.problems = problems;
  }
}

// A lab name or path that names no lab; a command-line mistake (exit 2).
export class LabNotFoundError extends Error {
  readonly kind = 'usage';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LabNotFoundError';
  }
}

// Render a problem as "file:line:col: path: message".
export function formatProblem(problem: LabProblem): string {
  const where = `${problem.file}:${problem.line}:${problem.column}`;
  return problem.path ? `${where}: ${problem.path}: ${problem.message}` : `${where}: ${problem.message}`;
}

// Render a lab.yaml path the way a reader writes it: steps[1].checks[0].expect.
export function formatPath(path: readonly PathSegment[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text ? `.${segment}` : segment;
  }
  return text;
}
