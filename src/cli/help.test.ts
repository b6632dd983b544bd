// `labs --help` is a public contract: a change to it shows up in review as a change to this snapshot.
import { describe, expect, it } from 'vitest';
import { main } from './main.ts';
import { createBufferTerminal } from './terminal.ts';

async function help(argv: string[]): Promise<string> {
  const terminal = createBufferTerminal({ width: 100 });
  expect(await main(argv, { terminal, env: { ...process.env, COLUMNS: '100' } })).toBe(0);
  return terminal.stdout();
}

describe('labs --help', () => {
  it('lists every command', async () => {
    await expect(await help(['--help'])).toMatchFileSnapshot('./testdata/help.txt');
  });

  it('gives every command its own help with examples', async () => {
    const top = await help(['--help']);
    const commands = [...top.matchAll(/^ {2}([a-z]+)\b/gm)].map((m) => m[1]!).filter((c) => c !== 'help');
    expect(commands.length).toBeGreaterThanOrEqual(10);
    for (const command of commands) {
      const text = await help([command, '--help']);
      expect(text, command).toContain(`Usage: labs ${command}`);
    }
    await expect(await help(['run', '--help'])).toMatchFileSnapshot('./testdata/help-run.txt');
  });
});
