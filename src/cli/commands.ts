import { CliCommand } from './command';

/**
 * The subcommands: name -> the module (in this folder) that exports
 * `command: CliCommand`. A new subcommand is one file and one line here.
 */
const COMMAND_MODULES: Record<string, string> = {
  replay: './replay-command',
  investigate: './investigate-command',
};

/** The names of the subcommands. */
export const COMMAND_NAMES: readonly string[] = Object.keys(COMMAND_MODULES);

/** Loads a subcommand on demand (the others stay unloaded); undefined when unknown. */
export function loadCommand(name: string): CliCommand | undefined {
  if (!Object.prototype.hasOwnProperty.call(COMMAND_MODULES, name)) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(COMMAND_MODULES[name]) as { command: CliCommand }).command;
}
