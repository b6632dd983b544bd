// A fake CommandRunner for tests: answers commands from a script of rules and keeps every call as a line.
import type { CommandOptions, CommandResult, CommandRunner } from '../command.ts';

export interface FakeRule {
  match: string | RegExp; // the start of the command line ("kind get clusters"), or a pattern anywhere in it
  result: Partial<CommandResult> | (() => Partial<CommandResult>); // a function answers each call anew
}

export interface FakeRunner extends CommandRunner {
  readonly calls: string[]; // "kind create cluster --name labs ..."
  readonly inputs: (string | undefined)[];
}

// Create a runner that answers by the first matching rule; a command no rule matches fails the test
export function createFakeRunner(rules: FakeRule[]): FakeRunner {
  const calls: string[] = [];
  const inputs: (string | undefined)[] = [];
  return {
    calls,
    inputs,
    async run(command: string, args: string[], options: CommandOptions = {}) {
      const line = [command, ...args].join(' ');
      calls.push(line);
      inputs.push(options.input);
      const rule = rules.find(({ match }) => (typeof match === 'string' ? line.startsWith(match) : match.test(line)));
      if (!rule) throw new Error(`fake runner: no rule for "${line}"`);
      return { exitCode: 0, stdout: '', stderr: '', ...(typeof rule.result === 'function' ? rule.result() : rule.result) };
    },
  };
}
