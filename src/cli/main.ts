#!/usr/bin/env node
import { CliIo, UsageError } from './command';
import { COMMAND_NAMES, loadCommand } from './commands';

const PROGRAM = 'cdk-iam-guardrails';

function topUsage(): string {
  return `usage: ${PROGRAM} <command> [options]\n\ncommands:\n`
    + COMMAND_NAMES.map((name) => `  ${name}`).join('\n')
    + `\n\nRun '${PROGRAM} <command> --help' for a command's options.\n`;
}

/**
 * Runs the command line with `argv` (without the node and script paths).
 * @returns the exit code: 0 when the command did its work, 1 otherwise
 */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined) {
    io.stderr.write(`${PROGRAM}: no command given (commands: ${COMMAND_NAMES.join(', ')}; see --help)\n`);
    return 1;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(topUsage());
    return 0;
  }
  const command = loadCommand(name);
  if (!command) {
    io.stderr.write(`${PROGRAM}: unknown command '${name}' (commands: ${COMMAND_NAMES.join(', ')})\n`);
    return 1;
  }
  try {
    if (args.includes('--help') || args.includes('-h')) {
      io.stdout.write(command.usage);
      return 0;
    }
    return await command.run(args, io);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const hint = error instanceof UsageError ? ` (see '${PROGRAM} ${name} --help')` : '';
    io.stderr.write(`${PROGRAM} ${name}: ${message.split('\n')[0]}${hint}\n`);
    return 1;
  }
}

function processIo(): CliIo {
  // A closed pipe (`... | head`) ends the output quietly.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin };
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
