// The CLI's door: `libkrunfw-action <command> [--<input> value]...`. Flags are the
// action's input names, so a workflow and a shell line read the same.
import { parseArgs } from 'node:util';
import { InputError } from '../errors.ts';
import { BUILD_INPUTS, type RawBuildInputs } from './inputs.ts';
import { workflowUsage } from '../workflows/commands.ts';

export const COMMANDS = ['build', 'bundle', 'verify-source'] as const;
export type Command = (typeof COMMANDS)[number];

export interface ParsedArgv {
  command: Command | 'help' | 'version';
  raw: RawBuildInputs;
  verbose: boolean;
  /** verify-source: the release tarball. */
  release?: string;
}

/** The inputs verify-source takes; the release says everything else. */
const VERIFY_SOURCE_INPUTS = ['work-dir', 'keep-work-dir', 'jobs'];

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
  for (const spec of BUILD_INPUTS) {
    options[spec.name] = { type: 'boolean' in spec && spec.boolean ? 'boolean' : 'string', multiple: 'multiple' in spec && spec.multiple };
  }
  for (const [alias, name] of Object.entries(ALIASES)) options[alias] = options[name]!;
  if (command === 'verify-source') {
    for (const k of Object.keys(options)) if (k !== 'verbose' && !VERIFY_SOURCE_INPUTS.includes(k)) delete options[k];
  }
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
  return { command: command as Command, raw, verbose: values.verbose === true, release: positionals[0] };
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
  libkrunfw-action verify-source RELEASE.tar.gz [--work-dir DIR] [--jobs N]
      Check a source release against its manifest, rebuild the library from it
      alone (no network, no cache) and compare the sha256 with the manifest's.

Options (the action's inputs; --out is short for --out-dir):
${flags}
  --verbose
      Show debug messages.

${workflowUsage()}`;
}
