// `kubectl:` run the real kubectl binary against the target, with the arguments as the lesson types them.
import type { RunContext } from '../context.ts';
import { emptyOutput, type ActionOutput } from './output.ts';

// Split a command line the way a POSIX shell splits words: quotes group, backslash escapes.
export function splitArguments(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < line.length) word = (word ?? '') + line[++i];
      else word = (word ?? '') + c;
    } else if (c === '"' || c === "'") {
      quote = c;
      word ??= '';
    } else if (c === '\\' && i + 1 < line.length) {
      word = (word ?? '') + line[++i];
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

export async function runKubectl(action: { kubectl: string }, ctx: RunContext): Promise<ActionOutput> {
  const out = emptyOutput();
  const args = splitArguments(action.kubectl);
  const result = await ctx.kubectl(args[0] === 'kubectl' ? args.slice(1) : args, ctx.signal, ctx.lab.dir);
  out.exitCode = result.exitCode;
  out.output = `${result.stdout}${result.stderr}`;
  out.detail.push(...out.output.split('\n').filter(Boolean).slice(0, 20));
  return out;
}
