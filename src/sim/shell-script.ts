// The small sh the embedded pods have for `sh -c '...'`: simple commands joined by ;, && and ||,
// `exit N`, and `for VAR in WORDS; do ...; done` with $VAR and $(seq A B). Anything else
// (pipes, redirects, other substitutions) is refused with a message that says so.
import type { CurlResult } from './curl-output.ts';

export type RunArgv = (argv: string[]) => Promise<CurlResult>;

interface ScriptResult extends CurlResult {
  exited: boolean;
}

// Split a simple shell command into words, honouring single and double quotes.
export function splitWords(script: string): string[] {
  const words: string[] = [];
  const re = /'([^']*)'|"((?:[^"\\]|\\.)*)"|(\S+)/g;
  let current: string | undefined;
  let last = -1;
  for (const m of script.matchAll(re)) {
    const text = m[1] ?? m[2]?.replace(/\\(.)/g, '$1') ?? m[3] ?? '';
    if (m.index === last && current !== undefined) current += text;
    else {
      if (current !== undefined) words.push(current);
      current = text;
    }
    last = m.index + m[0].length;
  }
  if (current !== undefined) words.push(current);
  return words;
}

// Replace $VAR and ${VAR} outside single quotes, and $(seq A B) / $(seq N).
function expand(text: string, vars: Record<string, string>): string {
  return text.split(/('[^']*')/).map((part) => (part.startsWith("'") ? part : part
    .replace(/\$\(seq\s+(\d+)(?:\s+(\d+))?\)/g, (_m, a: string, b?: string) => {
      const [from, to] = b === undefined ? [1, Number(a)] : [Number(a), Number(b)];
      return Array.from({ length: Math.max(0, to - from + 1) }, (_v, i) => String(from + i)).join(' ');
    })
    .replace(/\$\{(\w+)\}|\$(\w+)/g, (m, braced?: string, bare?: string) => vars[braced ?? bare ?? ''] ?? m))).join('');
}

const unquoted = (command: string): string => command.replace(/'[^']*'/g, '').replace(/"(?:[^"\\]|\\.)*"/g, '');

async function runSequence(script: string, run: RunArgv, vars: Record<string, string>, out: ScriptResult): Promise<void> {
  const parts = script.split(/(&&|\|\||;|\n)/).map((s) => s.trim());
  let skip = false;
  for (let i = 0; i < parts.length && !out.exited; i += 2) {
    const command = expand(parts[i] ?? '', vars);
    if (command !== '' && !skip) {
      const words = splitWords(command);
      if (words[0] === 'exit') {
        out.exitCode = Number(words[1] ?? out.exitCode);
        out.exited = true;
        return;
      }
      if (/[|<>`$(){}]/.test(unquoted(command))) {
        out.stderr += `sh: the embedded cluster's sh runs simple commands joined by ;, && or ||, exit and for loops; not: ${command}\n`;
        out.exitCode = 2;
        out.exited = true;
        return;
      }
      const r = await run(words);
      out.stdout += r.stdout;
      out.stderr += r.stderr;
      out.exitCode = r.exitCode;
    }
    const op = parts[i + 1];
    skip = (op === '&&' && out.exitCode !== 0) || (op === '||' && out.exitCode === 0);
  }
}

const LOOP = /^([\s\S]*?)\bfor\s+(\w+)\s+in\s+([^;\n]*)[;\n]\s*do\b([\s\S]*?)[;\n]\s*done\b([\s\S]*)$/;

async function runBlock(script: string, run: RunArgv, vars: Record<string, string>, out: ScriptResult): Promise<void> {
  const loop = LOOP.exec(script);
  if (!loop) return runSequence(script, run, vars, out);
  const [, before = '', name = '', list = '', body = '', after = ''] = loop;
  await runSequence(before.replace(/(;|&&|\|\|)\s*$/, ''), run, vars, out);
  for (const word of splitWords(expand(list, vars))) {
    if (out.exited) return;
    await runBlock(body, run, { ...vars, [name]: word }, out);
  }
  if (!out.exited) await runBlock(after.replace(/^\s*(;|&&|\|\|)/, ''), run, vars, out);
}

// Run a script the way `sh -c` would, for the subset above.
export async function runScript(script: string, run: RunArgv, vars: Record<string, string> = {}): Promise<CurlResult> {
  const out: ScriptResult = { stdout: '', stderr: '', exitCode: 0, exited: false };
  await runBlock(script, run, vars, out);
  return { stdout: out.stdout, stderr: out.stderr, exitCode: out.exitCode };
}
