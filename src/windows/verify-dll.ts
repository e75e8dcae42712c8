// verify for the Windows library: what libkrun would get from LoadLibrary and
// GetProcAddress (the probe under wine), checked byte for byte against the
// payload computed from the ELF, and the PE facts a Windows loader and WHP rely
// on, read from the file by our PE reader.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { VerifyError } from '../errors.ts';
import type { Stage } from '../pipeline/stage.ts';
import { firstDifference } from '../pipeline/stages/verify.ts';
import { DLL_EXPORTS, DLL_FILE, DLL_PAYLOAD_ALIGN, DLL_PAYLOAD_SECTION } from './dll-sources.ts';
import { IMAGE_FILE_MACHINE_AMD64, machineName, readPe, sectionOfRva, type PeFile } from './pe.ts';
import { pageProtectionName, probeDll, type DllProbeReport } from './probe.ts';

/** The Linux library's layout, which WHP cannot use. */
const LINUX_PAYLOAD_ALIGN = 0x10000;

export interface DllVerifyInput {
  library: string;
  abiVersion: number;
  loadAddr: bigint;
  entryAddr: bigint;
  /** The payload the DLL must hand out, byte for byte: padded to 4 KiB. */
  payloadFile: string;
  /** A wine prefix to reuse (its first start is slow); default: one in the work dir. */
  winePrefix?: string;
}

export interface DllVerifyOutput {
  checks: string[];
  /** The payload as the DLL handed it out through LoadLibrary. */
  payloadFromLibrary: string;
}

const hex = (v: bigint | number): string => `0x${v.toString(16)}`;

/** What is wrong with the DLL's exports: ours undecorated, present, and alone. */
export function exportMismatches(pe: Pick<PeFile, 'exports'>): string[] {
  const bad: string[] = [];
  const entries = pe.exports?.entries ?? [];
  const names = entries.map((e) => e.name);
  for (const fn of DLL_EXPORTS) {
    if (names.includes(fn)) continue;
    const near = names.find((n) => n !== undefined && n.includes(fn));
    bad.push(near ? `${fn} is exported only as '${near}'` : `${fn} is not exported`);
  }
  for (const e of entries) {
    if (e.name !== undefined && (DLL_EXPORTS as readonly string[]).includes(e.name)) {
      if (e.forwarder) bad.push(`${e.name} is forwarded to ${e.forwarder}`);
      continue;
    }
    const what = e.name === undefined ? `ordinal ${e.ordinal} (no name)` : `'${e.name}'`;
    if (e.name && /@\d+$/.test(e.name)) bad.push(`export ${what} is decorated with @<bytes> (link with --kill-at)`);
    else if (e.name && /^_+krunfw_/.test(e.name)) bad.push(`export ${what} has a leading underscore`);
    else bad.push(`unexpected export ${what}`);
  }
  if (pe.exports && pe.exports.dllName !== DLL_FILE) bad.push(`the export directory names the DLL '${pe.exports.dllName}', expected ${DLL_FILE}`);
  return bad;
}

/** What is wrong with the PE headers: a 64-bit x86 DLL, NX-compatible, no timestamp. */
export function headerMismatches(pe: PeFile): string[] {
  const bad: string[] = [];
  if (pe.machine !== IMAGE_FILE_MACHINE_AMD64) bad.push(`machine is ${machineName(pe.machine)}, expected x86-64`);
  if (!pe.isDll) bad.push('it is not a DLL (IMAGE_FILE_DLL is not set)');
  if (!pe.nxCompat) bad.push('DllCharacteristics lacks NX_COMPAT (link with --nxcompat)');
  if (pe.timeDateStamp !== 0)
    bad.push(`the COFF header has a link timestamp (${pe.timeDateStamp}): the build is not reproducible (link with --no-insert-timestamp)`);
  if (pe.exports && pe.exports.timeDateStamp !== 0) bad.push(`the export directory has a timestamp (${pe.exports.timeDateStamp})`);
  return bad;
}

/** Every way the DLL differs from what it must be; empty when it is right. */
export function verifyDll(input: Omit<DllVerifyInput, 'payloadFile' | 'library'>, pe: PeFile, report: DllProbeReport, expected: Buffer): string[] {
  const bad = [...headerMismatches(pe), ...exportMismatches(pe)];
  if (report.version !== input.abiVersion) bad.push(`krunfw_get_version() = ${report.version}, expected ${input.abiVersion}`);
  if (report.loadAddr !== input.loadAddr) bad.push(`load_addr = ${hex(report.loadAddr)}, expected ${hex(input.loadAddr)}`);
  if (report.entryAddr !== input.entryAddr) bad.push(`entry_addr = ${hex(report.entryAddr)}, expected ${hex(input.entryAddr)}`);
  const want = BigInt(expected.length);
  if (report.size !== want) {
    const linux = BigInt(Math.ceil(expected.length / LINUX_PAYLOAD_ALIGN) * LINUX_PAYLOAD_ALIGN);
    const why = report.size === linux && linux !== want ? ': padded to 64 KiB (the Linux layout), WHP needs 4 KiB' : '';
    bad.push(`the kernel payload size = ${report.size}, expected ${expected.length}${why}`);
  }
  if (report.size % BigInt(DLL_PAYLOAD_ALIGN) !== 0n) bad.push(`the kernel payload size ${report.size} is not a multiple of 4 KiB`);
  if (report.address % BigInt(DLL_PAYLOAD_ALIGN) !== 0n) bad.push(`the kernel payload is at ${hex(report.address)}, not 4 KiB aligned`);
  if (!report.writable) bad.push(`the kernel payload's pages are not all writable (VirtualQuery: ${pageProtectionName(report.protect)})`);
  if (report.executable) bad.push(`the kernel payload's pages are executable (VirtualQuery: ${pageProtectionName(report.protect)})`);
  if (!report.image) bad.push('the kernel payload is not in pages mapped from the DLL');
  const rva = report.address - report.module;
  const section = rva >= 0n && rva < 1n << 32n ? sectionOfRva(pe, Number(rva)) : undefined;
  if (!section) bad.push(`the kernel payload (RVA ${hex(rva)}) is in no section of the DLL`);
  else {
    if (section.name !== DLL_PAYLOAD_SECTION) bad.push(`the kernel payload is in section ${section.name}, expected ${DLL_PAYLOAD_SECTION}`);
    if (!section.writable) bad.push(`section ${section.name}, which holds the kernel payload, is not writable`);
    if (section.executable) bad.push(`section ${section.name}, which holds the kernel payload, is executable`);
    if (Number(rva) + Number(report.size) > section.virtualAddress + section.virtualSize)
      bad.push(`the kernel payload runs past the end of section ${section.name}`);
  }
  if (!report.bytes.equals(expected)) {
    bad.push(`the kernel payload bytes differ from the ELF's payload, first at offset ${firstDifference(report.bytes, expected)}`);
  }
  return bad;
}

export const dllVerifyStage: Stage<DllVerifyInput, DllVerifyOutput> = {
  name: 'verify',
  title: 'load the DLL under wine with LoadLibrary and check what it hands out',
  async run(input, ctx) {
    const dir = path.join(ctx.workDir, 'verify-dll');
    const started = performance.now();
    const pe = await readPe(input.library);
    const report = await probeDll(input.library, dir, { prefix: input.winePrefix }).catch((e: unknown) => {
      // A DLL that does not load still gets its PE faults named beside why.
      if (e instanceof VerifyError) throw new VerifyError(input.library, [...e.mismatches, ...headerMismatches(pe), ...exportMismatches(pe)]);
      throw e;
    });
    ctx.log.info(`LoadLibrary under wine took ${((performance.now() - started) / 1000).toFixed(1)}s (the first start of a wine prefix is the slow part)`);
    const expected = readFileSync(input.payloadFile);
    const bad = verifyDll(input, pe, report, expected);
    if (bad.length > 0) throw new VerifyError(input.library, bad);
    const checks = [
      `a ${machineName(pe.machine)} DLL, NX_COMPAT, no link timestamp`,
      `exports ${(pe.exports?.entries ?? []).map((e) => e.name).join(', ')} (undecorated, nothing else)`,
      `krunfw_get_version() = ${report.version}`,
      `load_addr ${hex(report.loadAddr)}, entry_addr ${hex(report.entryAddr)}`,
      `size ${report.size} (4 KiB multiple), at ${hex(report.address)} (4 KiB aligned, ${pageProtectionName(report.protect)}, in ${DLL_PAYLOAD_SECTION})`,
      `${expected.length} bytes equal to the kernel's payload`,
    ];
    for (const c of checks) ctx.log.info(`✓ ${c}`);
    return { checks, payloadFromLibrary: report.payloadFile };
  },
  summary: (o) => `${o.checks.length} checks passed`,
};
