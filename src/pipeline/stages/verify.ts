// verify: load the library the way libkrun does — dlopen and dlsym in a fresh
// process — and check everything it hands out against what the ELF says it must.
// The probe is a small C program compiled here, so no FFI is needed in Node.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { InfrastructureError, VerifyError } from '../../errors.ts';
import { run, runChecked } from '../../util/run.ts';
import type { Stage } from '../stage.ts';
import { PAYLOAD_ALIGN } from './bundle.ts';

export const PROBE_C = `/* Loads a libkrunfw the way libkrun does and reports what it hands out. */
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef char *(*get_kernel_fn)(size_t *, size_t *, size_t *);
typedef int (*get_version_fn)(void);

/* The permissions of the mapping that holds [start, end), from /proc/self/maps. */
static void mapping_perms(uintptr_t start, uintptr_t end, char perms[5])
{
	FILE *maps = fopen("/proc/self/maps", "r");
	char line[512];
	strcpy(perms, "????");
	if (!maps)
		return;
	while (fgets(line, sizeof(line), maps)) {
		unsigned long lo, hi;
		char p[5];
		if (sscanf(line, "%lx-%lx %4s", &lo, &hi, p) == 3 && lo <= start && start < hi) {
			/* The payload may span several mappings; all must be writable. */
			if (end <= hi) {
				memcpy(perms, p, 5);
				break;
			}
			if (p[1] != 'w') {
				memcpy(perms, p, 5);
				break;
			}
			start = hi;
		}
	}
	fclose(maps);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: %s LIBRARY PAYLOAD_OUT\\n", argv[0]);
		return 2;
	}
	void *lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
	if (!lib) {
		fprintf(stderr, "dlopen: %s\\n", dlerror());
		return 3;
	}
	get_version_fn get_version = (get_version_fn)dlsym(lib, "krunfw_get_version");
	get_kernel_fn get_kernel = (get_kernel_fn)dlsym(lib, "krunfw_get_kernel");
	if (!get_version || !get_kernel) {
		fprintf(stderr, "dlsym: krunfw_get_version=%p krunfw_get_kernel=%p\\n", (void *)get_version, (void *)get_kernel);
		return 4;
	}
	size_t load_addr = 0, entry_addr = 0, size = 0;
	int version = get_version();
	char *kernel = get_kernel(&load_addr, &entry_addr, &size);
	char perms[5];
	mapping_perms((uintptr_t)kernel, (uintptr_t)kernel + size, perms);
	FILE *out = fopen(argv[2], "wb");
	if (!out || fwrite(kernel, 1, size, out) != size || fclose(out) != 0) {
		perror("writing the payload");
		return 5;
	}
	printf("{\\"version\\":%d,\\"load_addr\\":\\"%zu\\",\\"entry_addr\\":\\"%zu\\",\\"size\\":\\"%zu\\",\\"address\\":\\"%zu\\",\\"perms\\":\\"%s\\"}\\n",
	       version, load_addr, entry_addr, size, (size_t)(uintptr_t)kernel, perms);
	return 0;
}
`;

const PAYLOAD_FROM_LIBRARY = 'payload-from-library.bin';

export interface ProbeReport {
  version: number;
  loadAddr: bigint;
  entryAddr: bigint;
  size: bigint;
  address: bigint;
  perms: string;
  payload: Buffer;
}

export interface VerifyInput {
  library: string;
  soname: string;
  abiVersion: number;
  loadAddr: bigint;
  entryAddr: bigint;
  /** The payload the library must return, byte for byte. */
  payloadFile: string;
  cc?: string;
  readelf?: string;
}

export interface VerifyOutput {
  checks: string[];
  /** The payload as the library handed it out through dlopen. */
  payloadFromLibrary: string;
}

/** Compile the probe and run it on `library` in a new process. */
export async function probeLibrary(library: string, dir: string, cc = 'gcc'): Promise<ProbeReport> {
  mkdirSync(dir, { recursive: true });
  const src = path.join(dir, 'krunfw-probe.c');
  const probe = path.join(dir, 'krunfw-probe');
  writeFileSync(src, PROBE_C);
  await runChecked(cc, ['-O1', '-Wall', '-o', probe, src, '-ldl']);
  const payloadOut = path.join(dir, PAYLOAD_FROM_LIBRARY);
  const r = await run(probe, [path.resolve(library), payloadOut]);
  if (r.exitCode !== 0) {
    throw new VerifyError(library, [`loading it failed: ${r.tail.join(' ').trim()} (exit ${r.exitCode})`]);
  }
  const line = r.stdout.trim().split('\n').pop() ?? '';
  let json: Record<string, string | number>;
  try {
    json = JSON.parse(line) as Record<string, string | number>;
  } catch {
    throw new InfrastructureError(`the probe printed no report: ${r.stdout.slice(0, 200)}`);
  }
  return {
    version: Number(json.version),
    loadAddr: BigInt(json.load_addr!),
    entryAddr: BigInt(json.entry_addr!),
    size: BigInt(json.size!),
    address: BigInt(json.address!),
    perms: String(json.perms),
    payload: readFileSync(payloadOut),
  };
}

function firstDifference(a: Buffer, b: Buffer): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i += 4096) {
    const end = Math.min(i + 4096, n);
    if (a.subarray(i, end).equals(b.subarray(i, end))) continue;
    for (let j = i; j < end; j++) if (a[j] !== b[j]) return j;
  }
  return n;
}

/** SONAME, exported krunfw_* symbols and whether a symbol table is left. */
export async function inspectLibrary(library: string, readelf = 'readelf'): Promise<{ soname?: string; exports: string[]; stripped: boolean }> {
  const dyn = await runChecked(readelf, ['-dW', library]);
  const soname = /Library soname: \[([^\]]+)\]/.exec(dyn.stdout)?.[1];
  const syms = await runChecked(readelf, ['--dyn-syms', '-W', library]);
  const exports = syms.stdout
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f.length >= 8 && f[4] === 'GLOBAL' && f[6] !== 'UND')
    .map((f) => f[7]!.replace(/@.*$/, ''));
  const sections = await runChecked(readelf, ['-SW', library]);
  return { soname, exports, stripped: !/\s\.symtab\s/.test(sections.stdout) };
}

/** Every way the library differs from what it must be; empty when it is right. */
export function compareReport(input: VerifyInput, report: ProbeReport, expected: Buffer, info: Awaited<ReturnType<typeof inspectLibrary>>): string[] {
  const bad: string[] = [];
  const hex = (v: bigint): string => `0x${v.toString(16)}`;
  if (report.version !== input.abiVersion) bad.push(`krunfw_get_version() = ${report.version}, expected ${input.abiVersion}`);
  if (report.loadAddr !== input.loadAddr) bad.push(`load_addr = ${hex(report.loadAddr)}, expected ${hex(input.loadAddr)}`);
  if (report.entryAddr !== input.entryAddr) bad.push(`entry_addr = ${hex(report.entryAddr)}, expected ${hex(input.entryAddr)}`);
  if (report.size !== BigInt(expected.length)) bad.push(`size = ${report.size}, expected ${expected.length}`);
  if (report.size % BigInt(PAYLOAD_ALIGN) !== 0n) bad.push(`size ${report.size} is not a multiple of 64 KiB`);
  if (report.address % BigInt(PAYLOAD_ALIGN) !== 0n) bad.push(`the payload is at ${hex(report.address)}, not 64 KiB aligned`);
  if (report.perms[1] !== 'w') bad.push(`the payload is mapped '${report.perms}', not writable`);
  if (!report.payload.equals(expected)) {
    bad.push(`the bytes differ from the kernel's payload, first at offset ${firstDifference(report.payload, expected)}`);
  }
  if (info.soname !== input.soname) bad.push(`soname is ${info.soname ?? 'missing'}, expected ${input.soname}`);
  for (const fn of ['krunfw_get_kernel', 'krunfw_get_version']) {
    if (!info.exports.includes(fn)) bad.push(`${fn} is not exported`);
  }
  const extra = info.exports.filter((s) => s.startsWith('krunfw_') && !['krunfw_get_kernel', 'krunfw_get_version'].includes(s));
  if (extra.length > 0) bad.push(`unexpected exports: ${extra.join(', ')}`);
  if (!info.stripped) bad.push('the library is not stripped (it has a .symtab)');
  return bad;
}

export const verifyStage: Stage<VerifyInput, VerifyOutput> = {
  name: 'verify',
  title: 'load the library and check what it hands out',
  async run(input, ctx) {
    const probeDir = path.join(ctx.workDir, 'verify');
    const report = await probeLibrary(input.library, probeDir, input.cc);
    const expected = readFileSync(input.payloadFile);
    const info = await inspectLibrary(input.library, input.readelf);
    const bad = compareReport(input, report, expected, info);
    if (bad.length > 0) throw new VerifyError(input.library, bad);
    const checks = [
      `krunfw_get_version() = ${report.version}`,
      `load_addr 0x${report.loadAddr.toString(16)}, entry_addr 0x${report.entryAddr.toString(16)}`,
      `size ${report.size} (64 KiB multiple), at 0x${report.address.toString(16)} (64 KiB aligned, ${report.perms})`,
      `${expected.length} bytes equal to the kernel's payload`,
      `soname ${info.soname}, stripped, exports ${info.exports.filter((e) => e.startsWith('krunfw_')).join(', ')}`,
    ];
    for (const c of checks) ctx.log.info(`✓ ${c}`);
    return { checks, payloadFromLibrary: path.join(probeDir, PAYLOAD_FROM_LIBRARY) };
  },
  summary: (o) => `${o.checks.length} checks passed`,
};
