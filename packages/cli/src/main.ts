#!/usr/bin/env node
/** The `relaxlab` command: option parsing and exit codes here, one file per subcommand in commands/. */
import { Command } from 'commander';
import { VERSION } from '@relaxlab/core';
import { registerFit } from './commands/fit';
import { registerArrhenius } from './commands/arrhenius';
import { registerCrosslink } from './commands/crosslink';
import { registerMd } from './commands/md';
import { registerImport } from './commands/import';
import { registerRelax } from './commands/relax';
import { registerBpp } from './commands/bpp';
import { registerNarrowing } from './commands/narrowing';
import { registerImpedance } from './commands/impedance';
import { registerConductivity } from './commands/conductivity';
import { registerStudy } from './commands/study';
import { registerMap } from './commands/map';
import { registerKernel } from './commands/kernel';
import { registerIlt } from './commands/ilt';
import { registerDrt } from './commands/drt';
import { EXIT_INPUT, printError, reportError, takeExitCode, takeWarnings, writeCommanderError, writeWarnings } from './output';

export function createProgram(): Command {
  const program = new Command('relaxlab')
    .description('RelaxLab: NMR relaxation analysis (T1, T1rho, T2 transients) from the command line')
    .version(VERSION, '-V, --version', 'print the version and exit')
    .helpOption('-h, --help', 'show help (for a command: relaxlab <command> --help)')
    .option('--verbose', 'on bad input (exit 2), also print the warnings given before the error, after its line')
    // settings that subcommands created with .command() inherit:
    .exitOverride()
    .configureOutput({ outputError: writeCommanderError })
    .showSuggestionAfterError(true);
  // one entry per subcommand (commands/<name>.ts exports register<Name>(program) → Command)
  const registrations: Array<(p: Command) => Command> = [
    registerFit,
    registerArrhenius,
    registerCrosslink,
    registerMd,
    registerImport,
    registerRelax,
    registerBpp,
    registerNarrowing,
    registerImpedance,
    registerConductivity,
    registerStudy,
    registerMap,
    registerKernel,
    registerIlt,
    registerDrt,
  ];
  const commands = registrations.map((register) => register(program));
  program.addHelpText('after', () => commands.map((c) => `\nrelaxlab ${c.name()}:\n${c.helpInformation()}`).join(''));
  return program;
}

/** Runs the command line (without `node main.js`) and resolves to the exit code. */
export async function main(argv: string[] = process.argv.slice(2)): Promise<number> {
  if (argv.length === 0) {
    printError('no command given (expected a command such as "fit"; see relaxlab --help)');
    return EXIT_INPUT;
  }
  const program = createProgram();
  takeWarnings();
  try {
    takeExitCode();
    // parseAsync: commands such as study render their plots asynchronously (vega)
    await program.parseAsync(argv, { from: 'user' });
    writeWarnings(takeWarnings());
    return takeExitCode();
  } catch (e) {
    takeExitCode();
    const warnings = takeWarnings();
    const code = reportError(e);
    // the error is the one line of a failed run; its warnings only on request, after it
    if (program.opts<{ verbose?: boolean }>().verbose) writeWarnings(warnings);
    return code;
  }
}

/** The process around main(): the exit code from its result; run by `node main.js` and bin/relaxlab.js. */
export function run(): void {
  // a closed pipe (`relaxlab fit ... | head`) is not an error
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
  });
  void main().then((code) => {
    process.exitCode = code;
  });
}

if (require.main === module) run();
