// The CLI door: `libkrunfw-action build|bundle|verify-source|check|measure|…`.
// Exit 0 on success, 1 when the input is at fault (or a check finds something
// wanting), 2 when the machine or a tool is.
import { readFileSync } from 'node:fs';
import { exitCodeOf, LibkrunfwError } from './errors.ts';
import { outputsOf } from './outputs.ts';
import { measureCommand } from './measure/index.ts';
import { localPlatform } from './platform/local/index.ts';
import { PROJECT_ROOT } from './recipe.ts';
import { parseArgv, usage, type Command } from './request/from-argv.ts';
import type { RawBuildInputs } from './request/inputs.ts';
import type { RunResult } from './result.ts';
import { runRequest } from './run.ts';
import { isWorkflowCommand, runWorkflowCommand } from './workflows/commands.ts';
import path from 'node:path';

/** What a command prints on stdout: the action's outputs, or what verify-source proved. */
function reportOf(command: Command, raw: RawBuildInputs, result: RunResult): object {
  if (command === 'verify-source' && result.kind === 'library') {
    return { release: raw['verify-source'], library: path.basename(result.library), sha256: result.sha256, reproduced: true };
  }
  return outputsOf(result);
}

export async function cli(argv: string[]): Promise<number> {
  try {
    if (isWorkflowCommand(argv[0])) {
      await runWorkflowCommand(argv[0], argv.slice(1));
      return 0;
    }
    if (argv[0] === 'measure') return await measureCommand(argv.slice(1));
    const args = parseArgv(argv);
    if (args.command === 'help') {
      process.stdout.write(usage());
      return 0;
    }
    if (args.command === 'version') {
      const pkg = JSON.parse(readFileSync(`${PROJECT_ROOT}/package.json`, 'utf8')) as { version: string };
      process.stdout.write(`${pkg.version}\n`);
      return 0;
    }
    const platform = localPlatform({ verbose: args.verbose });
    // Paths are relative to the shell's directory, as for any command.
    const result = await runRequest(args.raw, platform, process.cwd());
    // Machine-readable results on stdout; the log went to stderr.
    process.stdout.write(`${JSON.stringify(reportOf(args.command, args.raw, result), null, 2)}\n`);
    // A check that finds a patch or an option wanting is a finding about the input: exit 1.
    return result.kind === 'check' && !result.passed ? 1 : 0;
  } catch (e) {
    if (e instanceof LibkrunfwError) {
      process.stderr.write(`error: ${e.message}\n`);
      return exitCodeOf(e);
    }
    process.stderr.write(`unexpected failure: ${(e as Error).stack ?? String(e)}\n`);
    return 2;
  }
}
