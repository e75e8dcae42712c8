// Measure a SEV library file: load it in a fresh process as libkrun does (the
// verify stage's probe: dlopen, dlsym, call) and compute the digests from the
// bytes it hands out, never from the files it was made of.
import path from 'node:path';
import { EM_X86_64, readElf64 } from '../elf/index.ts';
import { InputError, VerifyError } from '../errors.ts';
import { probeLibrary } from '../pipeline/stages/verify.ts';
import { sha256 } from '../util/hash.ts';
import type { GuestImage } from './guest-image.ts';
import { measureGuest, type Measurements } from './measurements.ts';
import type { MeasureOptions } from './options.ts';

export interface MeasureLibraryInput {
  library: string;
  options: MeasureOptions;
  /** The kernel's CONFIG_NR_CPUS, when known. */
  nrCpus?: number;
  /** Scratch directory for the probe and what it dumps. */
  workDir: string;
}

export async function measureLibrary(input: MeasureLibraryInput): Promise<Measurements> {
  const { library } = input;
  // libkrun's SEV guests are x86_64; this also names a missing or non-ELF file plainly.
  const elf = await readElf64(library, { machine: EM_X86_64 });
  const report = await probeLibrary(library, input.workDir).catch((e: unknown) => {
    // It would not load, or lacks krunfw_get_kernel/krunfw_get_version: not a library libkrun can use.
    if (e instanceof VerifyError) throw new InputError(`${library}: ${e.mismatches.join('; ')}`);
    throw e;
  });
  const { qboot, initrd } = report.blobs;
  if (!qboot || !initrd) {
    const missing = (['qboot', 'initrd'] as const).filter((n) => !report.blobs[n]).map((n) => `krunfw_get_${n}`);
    throw new InputError(`${library} is not a SEV library: it does not export ${missing.join(' or ')}, which libkrun needs to launch a SEV guest`);
  }
  const image: GuestImage = {
    qboot: qboot.bytes,
    kernel: report.bytes,
    kernelLoadAddr: report.loadAddr,
    initrd: initrd.bytes,
    initrdSize: Number(initrd.size),
  };
  return measureGuest({
    image,
    options: input.options,
    library: { file: path.basename(library), sha256: sha256(elf.data) },
    nrCpus: input.nrCpus,
  });
}
