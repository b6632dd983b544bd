// Every `labs` command, one file each; a command adds itself to the program here.
import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import { registerCheck } from './check.ts';
import { registerCluster } from './cluster.ts';
import { registerDoctor } from './doctor.ts';
import { registerExplain } from './explain.ts';
import { registerLint } from './lint.ts';
import { registerList } from './list.ts';
import { registerMatrix } from './matrix.ts';
import { registerReset } from './reset.ts';
import { registerRun } from './run.ts';
import { registerShow } from './show.ts';
import { registerSolve } from './solve.ts';
import { registerValidate } from './validate.ts';
import { registerVerify } from './verify.ts';

export type RegisterCommand = (program: Command, ctx: CliContext) => void;

const commands: RegisterCommand[] = [
  registerRun,
  registerVerify,
  registerCheck,
  registerSolve,
  registerReset,
  registerCluster,
  registerDoctor,
  registerList,
  registerShow,
  registerValidate,
  registerLint,
  registerExplain,
  registerMatrix,
];

export function registerCommands(program: Command, ctx: CliContext): void {
  for (const register of commands) register(program, ctx);
}
