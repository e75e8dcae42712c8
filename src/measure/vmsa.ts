// The VMSA (VM save area) of each vCPU, which SEV-ES and SNP measure: a 4 KiB
// page holding the vCPU's register state at launch. Built from named fields at
// the offsets of the AMD64 Architecture Programmer's Manual vol. 2, appendix B,
// table B-4 ("VMSA Layout, State Save Area for SEV-ES"); every other byte zero.
//
// The values are the state the host's KVM writes for the vCPUs libkrun
// configures (LAUNCH_UPDATE_VMSA copies it), as libkrunfw's reference tool
// measures it:
//   - the x86 reset state (APM vol. 2 §14.1.3) as KVM's SVM code keeps it:
//     CR0 without CD/NW (KVM's CD_NW_CLEARED quirk), CR4.MCE copied from the
//     host, EFER.SVME set (VMRUN requires it), DR6/DR7/PAT/XCR0 reset values;
//   - segments after libkrun's KVM_GET_SREGS/KVM_SET_SREGS round trip, in which
//     KVM reports ES/DS/FS/GS with the accessed bit (attrib 0x93; SS stays 0x92);
//   - libkrun's registers: the boot vCPU at qboot's reset vector with the stack
//     at 0x8ff0 and RSI at the zero page; an AP at qboot's AP entry (0xfff3);
//   - SEV_FEATURES: 0 for SEV-ES; SNPActive (bit 0) alone for SNP, i.e. libkrun
//     asks for no VMSA features (no DebugSwap, no restricted injection...).
// Not included: the FPU state. KVM copies it (x87 FCW, MXCSR...) into the VMSA
// only for VMs of a type other than KVM_X86_DEFAULT_VM (KVM_SEV_INIT2, Linux
// 6.10+), which the reference tool's numbers do not reflect. A host that does
// this, or enables any other SEV feature, reports other SEV-ES/SNP digests.
import { BOOT_STACK_POINTER, PAGE_SIZE, RESET_VECTOR, RESET_VECTOR_SEV_AP, ZERO_PAGE_ADDR } from './layout.ts';

/** A segment register in the VMSA (struct vmcb_seg): 16 bytes. */
export interface Segment {
  selector: number;
  /** The descriptor's attributes packed into 12 bits: type, S, DPL, P, AVL, L, D/B, G. */
  attrib: number;
  limit: number;
  base: bigint;
}

export const SEGMENT_NAMES = ['es', 'cs', 'ss', 'ds', 'fs', 'gs', 'gdtr', 'ldtr', 'idtr', 'tr'] as const;
export type SegmentName = (typeof SEGMENT_NAMES)[number];

/** The 64-bit fields we set, and their offsets in the VMSA. */
export const VMSA_U64 = {
  efer: 0x0d0,
  cr4: 0x148,
  cr3: 0x150,
  cr0: 0x158,
  dr7: 0x160,
  dr6: 0x168,
  rflags: 0x170,
  rip: 0x178,
  rsp: 0x1d8,
  rax: 0x1f8,
  gPat: 0x268,
  rcx: 0x308,
  rdx: 0x310,
  rbx: 0x318,
  rbp: 0x328,
  rsi: 0x330,
  rdi: 0x338,
  sevFeatures: 0x3b0,
  xcr0: 0x3e8,
} as const;
export type VmsaU64Name = keyof typeof VMSA_U64;

/** Segment registers start at 0 and follow each other, 16 bytes each. */
export const VMSA_SEGMENT_SIZE = 16;

export type VcpuState = Record<SegmentName, Segment> & Record<VmsaU64Name, bigint>;

export type VcpuRole = 'boot' | 'ap';
export type SevMode = 'sev-es' | 'snp';

/** SEV_FEATURES bit 0: the guest runs with SEV-SNP. */
export const SEV_FEATURE_SNP_ACTIVE = 1n;

const EFER_SVME = 1n << 12n;
const CR0_ET = 0x10n;
const CR4_MCE = 0x40n;
/** Present, writable data; `| 1` when accessed. */
const DATA_SEGMENT = 0x92;
const ACCESSED = 0x01;
/** Present, readable code. */
const CODE_SEGMENT = 0x9a;
/** Present system descriptors: type 2 LDT, type 3 busy 16-bit TSS. */
const LDT_SEGMENT = 0x82;
const BUSY_TSS16_SEGMENT = 0x83;

const segment = (attrib: number, selector = 0, base = 0n): Segment => ({ selector, attrib, limit: 0xffff, base });

/** The register state a vCPU of `role` starts with under `mode`. */
export function vcpuState(role: VcpuRole, mode: SevMode): VcpuState {
  const boot = role === 'boot';
  return {
    es: segment(DATA_SEGMENT | ACCESSED),
    cs: segment(CODE_SEGMENT, 0xf000, 0xffff0000n),
    ss: segment(DATA_SEGMENT),
    ds: segment(DATA_SEGMENT | ACCESSED),
    fs: segment(DATA_SEGMENT | ACCESSED),
    gs: segment(DATA_SEGMENT | ACCESSED),
    gdtr: segment(0),
    ldtr: segment(LDT_SEGMENT),
    idtr: segment(0),
    tr: segment(BUSY_TSS16_SEGMENT),
    efer: EFER_SVME,
    cr0: CR0_ET,
    cr3: 0n,
    cr4: CR4_MCE,
    dr6: 0xffff0ff0n,
    dr7: 0x400n,
    rflags: 0x2n,
    rip: boot ? RESET_VECTOR : RESET_VECTOR_SEV_AP,
    rsp: boot ? BOOT_STACK_POINTER : 0n,
    rbp: boot ? BOOT_STACK_POINTER : 0n,
    rsi: boot ? ZERO_PAGE_ADDR : 0n,
    rax: 0n,
    rbx: 0n,
    rcx: 0n,
    rdx: 0n,
    rdi: 0n,
    // PAT's power-on value: WB, WT, UC-, UC, repeated.
    gPat: 0x0007040600070406n,
    xcr0: 0x1n,
    sevFeatures: mode === 'snp' ? SEV_FEATURE_SNP_ACTIVE : 0n,
  };
}

/** The 4096-byte VMSA page holding `state`. */
export function encodeVmsa(state: VcpuState): Buffer {
  const page = Buffer.alloc(PAGE_SIZE);
  SEGMENT_NAMES.forEach((name, i) => {
    const s = state[name];
    const at = i * VMSA_SEGMENT_SIZE;
    page.writeUInt16LE(s.selector, at);
    page.writeUInt16LE(s.attrib, at + 2);
    page.writeUInt32LE(s.limit, at + 4);
    page.writeBigUInt64LE(s.base, at + 8);
  });
  for (const [name, offset] of Object.entries(VMSA_U64) as [VmsaU64Name, number][]) page.writeBigUInt64LE(state[name], offset);
  return page;
}

export function buildVmsa(role: VcpuRole, mode: SevMode): Buffer {
  return encodeVmsa(vcpuState(role, mode));
}
