// Every `labs` command, one file each. A command file is loaded only when its command runs (or for help,
// which lists them all): `labs up` need not load the lab loader, lint or doctor.
import type { Command } from 'commander';
import type { CliContext } from '../context.ts';

export type RegisterCommand = (program: Command, ctx: CliContext) => void;

interface CommandModule {
  names: string[];
  load: () => Promise<RegisterCommand>;
}

// In the order `labs --help` lists them.
const COMMANDS: CommandModule[] = [
  { names: ['run'], load: async () => (await import('./run.ts')).registerRun },
  { names: ['verify'], load: async () => (await import('./verify.ts')).registerVerify },
  { names: ['check'], load: async () => (await import('./check.ts')).registerCheck },
  { names: ['solve'], load: async () => (await import('./solve.ts')).registerSolve },
  { names: ['reset'], load: async () => (await import('./reset.ts')).registerReset },
  { names: ['up', 'status', 'down'], load: async () => (await import('./cluster.ts')).registerCluster },
  { names: ['doctor'], load: async () => (await import('./doctor.ts')).registerDoctor },
  { names: ['list'], load: async () => (await import('./list.ts')).registerList },
  { names: ['show'], load: async () => (await import('./show.ts')).registerShow },
  { names: ['validate'], load: async () => (await import('./validate.ts')).registerValidate },
  { names: ['lint'], load: async () => (await import('./lint.ts')).registerLint },
  { names: ['explain'], load: async () => (await import('./explain.ts')).registerExplain },
  { names: ['matrix'], load: async () => (await import('./matrix.ts')).registerMatrix },
];

// Add the command argv names to the program; every command when none is named (help, a typo to suggest for).
export async function registerCommands(program: Command, ctx: CliContext, argv: string[]): Promise<void> {
  const first = argv.find((arg) => !arg.startsWith('-'));
  const named = COMMANDS.filter((c) => first !== undefined && c.names.includes(first));
  for (const command of named.length > 0 ? named : COMMANDS) (await command.load())(program, ctx);
}
