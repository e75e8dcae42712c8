// The CLI's door: `libkrunfw-action <command> [--<input> value]...`. Flags are the
// action's input names, so a workflow and a shell line read the same.
import { parseArgs } from 'node:util';
import { InputError } from '../errors.ts';
import { BUILD_INPUTS, type InputSpec, type Mode, type RawBuildInputs } from './inputs.ts';
import { workflowUsage } from '../workflows/commands.ts';

/** The run commands, each the mode of the same name: the flags it takes are the inputs of that mode. */
export const COMMANDS = ['build', 'bundle', 'verify-source', 'check'] as const;
export type Command = (typeof COMMANDS)[number];

export interface ParsedArgv {
  command: Command | 'help' | 'version';
  raw: RawBuildInputs;
  verbose: boolean;
}

/** Inputs the command itself stands for: verify-source's release is its argument, check is the command. */
const SAID_BY_COMMAND = ['verify-source', 'check'];

/** Short spellings the CLI accepts besides the input names. */
const ALIASES: Record<string, string> = { out: 'out-dir' };

export function parseArgv(argv: string[]): ParsedArgv {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    return { command: 'help', raw: {}, verbose: false };
  }
  if (command === 'version' || command === '--version') return { command: 'version', raw: {}, verbose: false };
  if (!(COMMANDS as readonly string[]).includes(command)) {
    throw new InputError(`unknown command '${command}'; commands: ${COMMANDS.join(', ')} (see --help)`);
  }
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }> = {
    verbose: { type: 'boolean' },
  };
  const mode: Mode = command as Command;
  for (const spec of BUILD_INPUTS as readonly InputSpec[]) {
    if (!spec.modes.includes(mode) || SAID_BY_COMMAND.includes(spec.name)) continue;
    options[spec.name] = { type: spec.boolean ? 'boolean' : 'string', multiple: spec.multiple === true };
  }
  for (const [alias, name] of Object.entries(ALIASES)) if (options[name]) options[alias] = options[name];
  let values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: rest, options, strict: true, allowPositionals: command === 'verify-source' }));
  } catch (e) {
    throw new InputError(`${command}: ${(e as Error).message.replace(/\. To specify.*$/s, '')} (see --help)`);
  }
  if (command === 'verify-source' && positionals.length !== 1) {
    throw new InputError('verify-source takes one source release tarball (see --help)');
  }
  const raw: RawBuildInputs = {};
  for (const [key, value] of Object.entries(values)) {
    if (key === 'verbose' || value === undefined) continue;
    const name = (ALIASES[key] ?? key) as keyof RawBuildInputs;
    raw[name] = value as string | string[] | boolean;
  }
  if (command === 'bundle' && raw.vmlinux === undefined) throw new InputError('bundle needs --vmlinux FILE (see --help)');
  if (command === 'verify-source') raw['verify-source'] = positionals[0];
  if (command === 'check') raw.check = true;
  return { command: command as Command, raw, verbose: values.verbose === true };
}

export function usage(): string {
  const flags = BUILD_INPUTS.map((s) => {
    const arg = 'boolean' in s && s.boolean ? '' : ' VALUE';
    const rep = 'multiple' in s && s.multiple ? ' (repeatable)' : '';
    return `  --${s.name}${arg}${rep}\n      ${s.description}`;
  }).join('\n');
  return `libkrunfw-action: build libkrunfw, a Linux kernel bundled in a shared library for libkrun.

Usage:
  libkrunfw-action build [--kernel-source URL|FILE] [--kernel-sha256 HEX] [--kernel-config FILE]... [--patches DIR] --out DIR
      Build the whole pipeline. With no options: the project's own recipe.
  libkrunfw-action bundle --vmlinux FILE --out DIR
      Package an existing kernel into the library (bundle, link, verify, package).
  libkrunfw-action verify-source RELEASE.tar [--work-dir DIR] [--jobs N]
      Check a source release against its manifest, rebuild the library from it
      alone (no network, no cache) and compare the sha256 with the manifest's.
  libkrunfw-action check [--kernel-source URL|FILE] [--kernel-config FILE]... [--patches DIR] --out DIR
      Try every patch and every config option against the kernel without
      compiling: a verdict for each, check-report.json in out-dir; exit 1 when
      something does not apply or land.
  libkrunfw-action measure LIBRARY [--vcpus N,...] [--memory MiB,...]
      The SEV, SEV-ES and SNP launch digests of a SEV library (see measure --help).

Options (the action's inputs; --out is short for --out-dir; --help lists which a command takes):
${flags}
  --verbose
      Show debug messages.

${workflowUsage()}`;
}
