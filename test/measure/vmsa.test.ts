// The VMSA pages, field by field. Offsets are written here from the AMD64
// Architecture Programmer's Manual vol. 2, appendix B, table B-4 "VMSA Layout,
// State Save Area for SEV-ES" (segment registers are 16 bytes: selector u16,
// attrib u16, limit u32, base u64), not taken from the code under test. The
// values are the launch state libkrun gives its vCPUs (learnt from libkrun's
// vCPU setup, KVM's SVM reset and the APM's initial processor state).
import { describe, expect, it } from 'vitest';
import { buildVmsa, type SevMode, type VcpuRole } from '../../src/measure/vmsa.ts';

const SEG = { es: 0x000, cs: 0x010, ss: 0x020, ds: 0x030, fs: 0x040, gs: 0x050, gdtr: 0x060, ldtr: 0x070, idtr: 0x080, tr: 0x090 };
const U64 = {
  efer: 0x0d0,
  cr4: 0x148,
  cr3: 0x150,
  cr0: 0x158,
  dr7: 0x160,
  dr6: 0x168,
  rflags: 0x170,
  rip: 0x178,
  rsp: 0x1d8,
  g_pat: 0x268,
  rbp: 0x328,
  rsi: 0x330,
  sev_features: 0x3b0,
  xcr0: 0x3e8,
};

interface Seg {
  selector: number;
  attrib: number;
  limit: number;
  base: bigint;
}
const seg = (page: Buffer, at: number): Seg => ({
  selector: page.readUInt16LE(at),
  attrib: page.readUInt16LE(at + 2),
  limit: page.readUInt32LE(at + 4),
  base: page.readBigUInt64LE(at + 8),
});

/** What each role and mode must hold. */
function expected(role: VcpuRole, mode: SevMode): { segments: Record<keyof typeof SEG, Seg>; u64: Record<keyof typeof U64, bigint> } {
  const data = (attrib: number): Seg => ({ selector: 0, attrib, limit: 0xffff, base: 0n });
  const boot = role === 'boot';
  return {
    segments: {
      es: data(0x93),
      cs: { selector: 0xf000, attrib: 0x9a, limit: 0xffff, base: 0xffff0000n },
      ss: data(0x92),
      ds: data(0x93),
      fs: data(0x93),
      gs: data(0x93),
      gdtr: data(0),
      ldtr: data(0x82),
      idtr: data(0),
      tr: data(0x83),
    },
    u64: {
      efer: 0x1000n, // SVME
      cr4: 0x40n, // MCE
      cr3: 0n,
      cr0: 0x10n, // ET
      dr7: 0x400n,
      dr6: 0xffff0ff0n,
      rflags: 0x2n,
      rip: boot ? 0xfff0n : 0xfff3n,
      rsp: boot ? 0x8ff0n : 0n,
      g_pat: 0x0007040600070406n,
      rbp: boot ? 0x8ff0n : 0n,
      rsi: boot ? 0x7000n : 0n,
      sev_features: mode === 'snp' ? 1n : 0n, // bit 0: SNPActive
      xcr0: 1n,
    },
  };
}

describe.each([
  ['boot', 'sev-es'],
  ['ap', 'sev-es'],
  ['boot', 'snp'],
  ['ap', 'snp'],
] as [VcpuRole, SevMode][])('the %s vCPU VMSA under %s', (role, mode) => {
  const page = buildVmsa(role, mode);
  const want = expected(role, mode);

  it('is one 4 KiB page', () => {
    expect(page.length).toBe(4096);
  });

  it.each(Object.keys(SEG) as (keyof typeof SEG)[])('has %s at its offset', (name) => {
    expect(seg(page, SEG[name])).toEqual(want.segments[name]);
  });

  it.each(Object.keys(U64) as (keyof typeof U64)[])('has %s at its offset', (name) => {
    expect(page.readBigUInt64LE(U64[name])).toBe(want.u64[name]);
  });

  it('is zero everywhere else (no FPU state, no other register)', () => {
    const covered = new Set<number>();
    for (const at of Object.values(SEG)) for (let i = 0; i < 16; i++) covered.add(at + i);
    for (const at of Object.values(U64)) for (let i = 0; i < 8; i++) covered.add(at + i);
    const stray = [...page.entries()].filter(([i, b]) => b !== 0 && !covered.has(i)).map(([i]) => `0x${i.toString(16)}`);
    expect(stray).toEqual([]);
  });
});

it('an AP differs from the boot vCPU only in RIP, RSP, RBP and RSI; SNP from SEV-ES only in SEV_FEATURES', () => {
  const differing = (a: Buffer, b: Buffer): number[] => [...a.keys()].filter((i) => a[i] !== b[i]);
  const inField = (offsets: number[]): string[] =>
    [...new Set(offsets.map((o) => Object.entries(U64).find(([, at]) => o >= at && o < at + 8)?.[0] ?? `0x${o.toString(16)}`))].sort();
  expect(inField(differing(buildVmsa('boot', 'sev-es'), buildVmsa('ap', 'sev-es')))).toEqual(['rbp', 'rip', 'rsi', 'rsp']);
  expect(inField(differing(buildVmsa('boot', 'sev-es'), buildVmsa('boot', 'snp')))).toEqual(['sev_features']);
});
