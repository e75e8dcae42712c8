// measurements.json: the launch digests of one SEV library for a set of vCPU
// counts and memory sizes, with what they were computed from, so that an
// attestation service can be given the expected values before a guest starts.
import { checkFitsMemory, checkGuestImage, type GuestImage } from './guest-image.ts';
import { launchDigests } from './launch-digests.ts';
import { INITRD_ADDR, QBOOT_ADDR } from './layout.ts';
import { vcpuWarnings, type MeasureOptions } from './options.ts';
import { sha256 } from '../util/hash.ts';

export const MEASUREMENTS_FILE = 'measurements.json';

export interface MeasuredBlob {
  /** Guest physical address libkrun puts it at, "0x…". */
  address: string;
  /** Bytes, as the library hands them out (padded). */
  size: number;
  sha256: string;
}

/** The shape of measurements.json. */
export interface Measurements {
  /** Bumped when a field changes meaning. */
  format: 1;
  /** The library measured: file name and sha256. */
  library: { file: string; sha256: string };
  /** What it hands out through dlopen, where libkrun puts each piece. */
  guest: { qboot: MeasuredBlob; kernel: MeasuredBlob; initrd: MeasuredBlob };
  /**
   * One entry per vCPU count × memory size (by vCPUs, then memory, in the
   * options' order: ascending when parsed). Lowercase hex: `sev` and `sevEs` are SHA-256 launch digests
   * (what LAUNCH_MEASURE's HMAC covers), `snp` the SHA-384 SNP launch digest
   * (the attestation report's MEASUREMENT).
   */
  measurements: { vcpus: number; memoryMiB: number; sev: string; sevEs: string; snp: string }[];
  /** E.g. vCPU counts above the kernel's CONFIG_NR_CPUS. */
  warnings: string[];
}

export interface MeasureGuestInput {
  image: GuestImage;
  options: MeasureOptions;
  /** The library the image came from: its file name and sha256 go into the result. */
  library: { file: string; sha256: string };
  /** The kernel's CONFIG_NR_CPUS, when known: more vCPUs are warned about. */
  nrCpus?: number;
}

const blob = (address: bigint, bytes: Buffer): MeasuredBlob => ({ address: `0x${address.toString(16)}`, size: bytes.length, sha256: sha256(bytes) });

/** Check the image and the options against it, then compute every digest. */
export function measureGuest(input: MeasureGuestInput): Measurements {
  const { image, options, library } = input;
  checkGuestImage(image, library.file);
  for (const m of options.memoryMiB) checkFitsMemory(image, m, library.file);
  const configs = options.vcpus.flatMap((vcpus) => options.memoryMiB.map((memoryMiB) => ({ vcpus, memoryMiB })));
  return {
    format: 1,
    library,
    guest: {
      qboot: blob(QBOOT_ADDR, image.qboot),
      kernel: blob(image.kernelLoadAddr, image.kernel),
      initrd: blob(INITRD_ADDR, image.initrd),
    },
    measurements: launchDigests(image, configs),
    warnings: vcpuWarnings(options.vcpus, input.nrCpus),
  };
}
