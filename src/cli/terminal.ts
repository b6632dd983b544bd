// The terminal the CLI writes to, passed in so commands can be run in-process by tests.
import pc from 'picocolors';

export interface Terminal {
  isTTY: boolean;
  width: number;
  colors: boolean;
  out(text: string): void; // writes text as is (add the newline yourself)
  err(text: string): void;
  input?: NodeJS.ReadableStream; // keys for guided mode
  spinnerStream?: NodeJS.WritableStream; // where check spinners may draw, if anywhere
}

type Stream = { isTTY?: boolean; columns?: number };

// Spinners draw on stderr, and only for a person at a terminal: stdout and stderr both TTYs, and stderr
// with a width. A pseudo-terminal that reports 0 columns (script(1), some CI runners) would send ora
// into an endless loop of clearing lines: it divides each line's width by the column count.
export function spinnerStreamOf<T extends Stream>(stdout: Stream, stderr: T): T | undefined {
  return stdout.isTTY && stderr.isTTY && (stderr.columns ?? 0) > 0 ? stderr : undefined;
}

// The real process streams.
export function createProcessTerminal(env: NodeJS.ProcessEnv = process.env): Terminal {
  const isTTY = Boolean(process.stdout.isTTY);
  const spinnerStream = spinnerStreamOf(process.stdout, process.stderr);
  return {
    isTTY,
    ...(spinnerStream ? { spinnerStream } : {}),
    width: process.stdout.columns || 100,
    colors: isTTY && !env.NO_COLOR,
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    input: process.stdin,
  };
}

// A terminal that keeps what was written, for tests.
export function createBufferTerminal(options: { isTTY?: boolean; width?: number; input?: NodeJS.ReadableStream } = {}): Terminal & {
  stdout: () => string;
  stderr: () => string;
} {
  let out = '';
  let err = '';
  return {
    isTTY: options.isTTY ?? false,
    width: options.width ?? 100,
    colors: false,
    out: (text) => void (out += text),
    err: (text) => void (err += text),
    stdout: () => out,
    stderr: () => err,
    ...(options.input ? { input: options.input } : {}),
  };
}

// Colour helpers that respect terminal.colors.
export function paint(terminal: Terminal) {
  const c = pc.createColors(terminal.colors);
  return { green: c.green, red: c.red, yellow: c.yellow, dim: c.dim, bold: c.bold, cyan: c.cyan };
}
