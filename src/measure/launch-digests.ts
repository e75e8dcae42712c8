// The three launch digests of a SEV guest libkrun starts from a library, for
// one vCPU count and memory size:
//   SEV     SHA-256 over qboot, the kernel, the initrd (as handed out, padded)
//           and the 4 KiB zero page, in that order: the launch digest that
//           LAUNCH_UPDATE_DATA builds and LAUNCH_MEASURE's HMAC covers (with
//           the policy, the firmware version and the nonce).
//   SEV-ES  the same, then the boot vCPU's VMSA and one AP VMSA per further vCPU.
//   SNP     the SNP_LAUNCH_UPDATE digest (SHA-384 PAGE_INFO chain) of the same
//           pieces at their guest addresses, the SNP pages libkrun adds, then
//           the VMSAs: the MEASUREMENT field of the guest's attestation report.
// The numbers rest on the host's KVM producing the VMSAs libkrun configures
// (see vmsa.ts for exactly which state that is).
import { createHash } from 'node:crypto';
import type { GuestImage } from './guest-image.ts';
import {
  INITRD_ADDR,
  QBOOT_ADDR,
  SNP_CPUID_ADDR,
  SNP_FWDATA_ADDR,
  SNP_FWDATA_PAGES,
  SNP_LIDT_ADDR,
  SNP_SECRETS_ADDR,
  SNP_VMSA_GPA,
  ZERO_PAGE_ADDR,
} from './layout.ts';
import { SnpLaunchDigest } from './snp-launch-digest.ts';
import { buildVmsa } from './vmsa.ts';
import { buildZeroPage } from './zero-page.ts';

export interface LaunchConfig {
  vcpus: number;
  memoryMiB: number;
}

export interface LaunchDigests {
  /** SHA-256, hex. */
  sev: string;
  /** SHA-256, hex. */
  sevEs: string;
  /** SHA-384, hex. */
  snp: string;
}

/**
 * The digests for each config, in order. The pages before the zero page are
 * the same for every config, so they are hashed once and the hashes forked.
 */
export function launchDigests(image: GuestImage, configs: readonly LaunchConfig[]): (LaunchConfig & LaunchDigests)[] {
  const blobs = createHash('sha256').update(image.qboot).update(image.kernel).update(image.initrd);
  const snpBlobs = new SnpLaunchDigest()
    .measurePages('normal', QBOOT_ADDR, image.qboot)
    .measurePages('normal', image.kernelLoadAddr, image.kernel)
    .measurePages('normal', INITRD_ADDR, image.initrd);
  const esVmsa = { boot: buildVmsa('boot', 'sev-es'), ap: buildVmsa('ap', 'sev-es') };
  const snpVmsa = { boot: buildVmsa('boot', 'snp'), ap: buildVmsa('ap', 'snp') };

  return configs.map((config) => {
    const zeroPage = buildZeroPage({ vcpus: config.vcpus, memoryMiB: config.memoryMiB, initrdSize: image.initrdSize });

    const sev = blobs.copy().update(zeroPage);
    const sevEs = sev.copy();
    const sevDigest = sev.digest('hex');
    eachVmsa(config.vcpus, esVmsa, (vmsa) => sevEs.update(vmsa));

    const snp = snpBlobs
      .copy()
      .measurePages('normal', ZERO_PAGE_ADDR, zeroPage)
      .measureWithoutContents('zero', SNP_LIDT_ADDR, 1)
      .measureWithoutContents('secrets', SNP_SECRETS_ADDR, 1)
      .measureWithoutContents('cpuid', SNP_CPUID_ADDR, 1)
      .measureWithoutContents('zero', SNP_FWDATA_ADDR, SNP_FWDATA_PAGES);
    eachVmsa(config.vcpus, snpVmsa, (vmsa) => snp.measurePages('vmsa', SNP_VMSA_GPA, vmsa));

    return { ...config, sev: sevDigest, sevEs: sevEs.digest('hex'), snp: snp.hex() };
  });
}

/** The boot vCPU's VMSA, then an AP's for each further vCPU. */
function eachVmsa(vcpus: number, vmsa: { boot: Buffer; ap: Buffer }, f: (page: Buffer) => void): void {
  f(vmsa.boot);
  for (let i = 1; i < vcpus; i++) f(vmsa.ap);
}
