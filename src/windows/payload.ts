// The kernel payload of the Windows library: the same bytes as the Linux one
// (the PT_LOAD segments of the x86_64 vmlinux laid out from load_addr), padded
// to 4 KiB instead of 64 KiB. WHP maps 4 KiB pages, and a payload laid out for
// 64 KiB gave libkrun InvalidGuestAddress errors there.
import { EM_X86_64, readElf64 } from '../elf/index.ts';
import { kernelPayloadFromElf, padTo, type KernelPayload } from '../pipeline/stages/bundle.ts';
import { DLL_PAYLOAD_ALIGN } from './dll-sources.ts';

/** The end of the segments' file bytes, relative to load_addr: what is padded. */
export function payloadEnd(kp: Pick<KernelPayload, 'loadAddr' | 'segments'>): number {
  const last = kp.segments[kp.segments.length - 1]!;
  return Number(last.paddr + last.filesz - kp.loadAddr);
}

/** Re-pads a payload made for Linux (64 KiB) to the Windows layout (4 KiB); the bytes up to its end are the same. */
export function dllPayload(kp: KernelPayload): KernelPayload {
  return { ...kp, payload: kp.payload.subarray(0, padTo(payloadEnd(kp), DLL_PAYLOAD_ALIGN)) };
}

/** The Windows payload of an x86_64 vmlinux. */
export async function dllPayloadFromVmlinux(vmlinux: string): Promise<KernelPayload> {
  return dllPayload(kernelPayloadFromElf(await readElf64(vmlinux, { machine: EM_X86_64 })));
}
