// `libkrunfw-action measure LIBRARY [--vcpus N,…] [--memory MiB,…]`: the launch
// digests of any SEV library. measurements.json on stdout (like every command's
// outputs), the same as text on stderr for the person at the terminal.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { InputError } from '../errors.ts';
import { measureLibrary } from './measure-library.ts';
import { inputDefault } from '../request/inputs.ts';
import { defaultMeasureOptions, parseMemoryMiB, parseVcpus } from './options.ts';
import { renderText } from './render.ts';

export function measureUsage(): string {
  return `Usage:
  libkrunfw-action measure LIBRARY [--vcpus N,...] [--memory MiB,...]
      The SEV, SEV-ES and SNP launch digests libkrun's guest gets from a SEV
      library (libkrunfw-sev.so...), for each vCPU count and memory size.
      Prints measurements.json on stdout and the digests as text on stderr.

Options:
  --vcpus N,...     vCPU counts (default ${inputDefault('measure-vcpus')}; libkrun takes 1 to 255)
  --memory MiB,...  guest memory sizes in MiB (default ${inputDefault('measure-memory')})
`;
}

export interface CommandIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const processIo: CommandIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
};

/** Runs the command; errors are thrown (named classes) for the CLI to map to an exit status. */
export async function measureCommand(argv: string[], io: CommandIo = processIo): Promise<number> {
  let values: { vcpus?: string[]; memory?: string[]; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      options: { vcpus: { type: 'string', multiple: true }, memory: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    }));
  } catch (e) {
    throw new InputError(`measure: ${(e as Error).message.replace(/\. To specify.*$/s, '')} (see measure --help)`);
  }
  if (values.help) {
    io.stdout(measureUsage());
    return 0;
  }
  if (positionals.length !== 1) throw new InputError('measure takes one library (see measure --help)');
  const options = defaultMeasureOptions();
  if (values.vcpus) options.vcpus = parseVcpus(values.vcpus.join(','));
  if (values.memory) options.memoryMiB = parseMemoryMiB(values.memory.join(','));
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'libkrunfw-measure-'));
  try {
    const m = await measureLibrary({ library: positionals[0]!, options, workDir });
    io.stderr(renderText(m));
    io.stdout(`${JSON.stringify(m, null, 2)}\n`);
    return 0;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}
