// Every `labs` command, one file each; a command adds itself to the program here.
import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import { registerList } from './list.ts';
import { registerShow } from './show.ts';
import { registerValidate } from './validate.ts';

export type RegisterCommand = (program: Command, ctx: CliContext) => void;

const commands: RegisterCommand[] = [
  registerList,
  registerShow,
  registerValidate,
];

export function registerCommands(program: Command, ctx: CliContext): void {
  for (const register of commands) register(program, ctx);
}
