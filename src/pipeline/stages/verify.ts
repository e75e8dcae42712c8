// verify: load the library the way libkrun does — dlopen and dlsym in a fresh
// process — and check everything it hands out against what the ELF says it must.
// The probe is a small C program compiled here, so no FFI is needed in Node.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { InfrastructureError, ToolMissingError, VerifyError } from '../../errors.ts';
import { missingToolHint, targetTools, type Host, type TargetTools } from '../../target.ts';
import { dllVerifyStage } from '../../windows/verify-dll.ts';
import { run, runChecked } from '../../util/run.ts';
import type { Stage } from '../stage.ts';
import { QBOOT_SIZE } from '../../request/blobs.ts';
import type { BlobName } from '../../request/types.ts';
import { PAYLOAD_ALIGN } from './bundle.ts';

export const PROBE_C = `/* Loads a libkrunfw the way libkrun does and reports what it hands out. */
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef char *(*get_kernel_fn)(size_t *, size_t *, size_t *);
typedef char *(*get_blob_fn)(size_t *);
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

static int dump(const char *file, const char *bytes, size_t size)
{
	FILE *out = fopen(file, "wb");
	if (!out || fwrite(bytes, 1, size, out) != size || fclose(out) != 0) {
		perror(file);
		return 5;
	}
	return 0;
}

/* SEV/TDX libraries also hand out the qboot firmware and the initrd. */
static int report_blob(void *lib, const char *name, const char *out_prefix)
{
	char symbol[64], file[4096], perms[5];
	size_t size = 0;
	snprintf(symbol, sizeof(symbol), "krunfw_get_%s", name);
	get_blob_fn get = (get_blob_fn)dlsym(lib, symbol);
	if (!get)
		return 0;
	char *bytes = get(&size);
	mapping_perms((uintptr_t)bytes, (uintptr_t)bytes + size, perms);
	snprintf(file, sizeof(file), "%s.%s", out_prefix, name);
	if (dump(file, bytes, size))
		return 5;
	printf(",\\"%s\\":{\\"size\\":\\"%zu\\",\\"address\\":\\"%zu\\",\\"perms\\":\\"%s\\"}", name, size, (size_t)(uintptr_t)bytes, perms);
	return 0;
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
	if (dump(argv[2], kernel, size))
		return 5;
	printf("{\\"version\\":%d,\\"load_addr\\":\\"%zu\\",\\"entry_addr\\":\\"%zu\\",\\"size\\":\\"%zu\\",\\"address\\":\\"%zu\\",\\"perms\\":\\"%s\\"",
	       version, load_addr, entry_addr, size, (size_t)(uintptr_t)kernel, perms);
	if (report_blob(lib, "qboot", argv[2]) || report_blob(lib, "initrd", argv[2]))
		return 5;
	printf("}\\n");
	return 0;
}
`;

const PAYLOAD_FROM_LIBRARY = 'payload-from-library.bin';

export interface HandedOut {
  size: bigint;
  address: bigint;
  perms: string;
  bytes: Buffer;
}

export interface ProbeReport extends HandedOut {
  version: number;
  loadAddr: bigint;
  entryAddr: bigint;
  /** qboot and initrd, when the library hands them out. */
  blobs: Partial<Record<BlobName, HandedOut>>;
}

export interface VerifyInput {
  library: string;
  soname: string;
  abiVersion: number;
  loadAddr: bigint;
  entryAddr: bigint;
  /** The payload the library must return, byte for byte. */
  payloadFile: string;
  /** SEV/TDX: the blobs it must also return, byte for byte (padded). */
  blobs?: { name: BlobName; payloadFile: string }[];
  /** How to compile and run a program for the library's architecture. */
  tools?: TargetTools;
  /** windows: the DLL is loaded under wine with LoadLibrary (src/windows/verify-dll.ts). */
  host?: Host;
}

export interface VerifyOutput {
  checks: string[];
  /** The payload as the library handed it out through dlopen. */
  payloadFromLibrary: string;
}

type ProbeJson = Record<string, string | number | Record<string, string>>;

function handedOut(json: Record<string, string | number>, file: string): HandedOut {
  return { size: BigInt(json.size!), address: BigInt(json.address!), perms: String(json.perms), bytes: readFileSync(file) };
}

/**
 * Compile the probe for the library's architecture and run it on `library` in a
 * new process: natively, or under qemu-user with the target's own loader.
 */
export async function probeLibrary(library: string, dir: string, tools: TargetTools = targetTools('x86_64')): Promise<ProbeReport> {
  mkdirSync(dir, { recursive: true });
  const src = path.join(dir, 'krunfw-probe.c');
  const probe = path.join(dir, 'krunfw-probe');
  writeFileSync(src, PROBE_C);
  await runChecked(tools.cc, ['-O1', '-Wall', '-o', probe, src, '-ldl']).catch((e: unknown) => {
    throw missingTool(e, tools.cc, tools);
  });
  const payloadOut = path.join(dir, PAYLOAD_FROM_LIBRARY);
  const [cmd, ...prefix] = [...tools.runPrefix, probe];
  const r = await run(cmd!, [...prefix, path.resolve(library), payloadOut]).catch((e: unknown) => {
    throw missingTool(e, cmd!, tools);
  });
  if (r.exitCode !== 0) {
    throw new VerifyError(library, [`loading it failed: ${r.tail.join(' ').trim()} (exit ${r.exitCode})`]);
  }
  const line = r.stdout.trim().split('\n').pop() ?? '';
  let json: ProbeJson;
  try {
    json = JSON.parse(line) as ProbeJson;
  } catch {
    throw new InfrastructureError(`the probe printed no report: ${r.stdout.slice(0, 200)}`);
  }
  const flat = json as Record<string, string | number>;
  const blobs: ProbeReport['blobs'] = {};
  for (const name of ['qboot', 'initrd'] as const) {
    const b = json[name];
    if (b && typeof b === 'object') blobs[name] = handedOut(b, `${payloadOut}.${name}`);
  }
  return {
    version: Number(json.version),
    loadAddr: BigInt(flat.load_addr!),
    entryAddr: BigInt(flat.entry_addr!),
    ...handedOut(flat, payloadOut),
    blobs,
  };
}

/** A tool that is not installed says what to install; anything else is passed on. */
function missingTool(e: unknown, tool: string, tools: TargetTools): unknown {
  if (e instanceof ToolMissingError && tools.crossCompile) {
    return new ToolMissingError(tool, `Building for ${tools.arch} on this host needs it: ${missingToolHint(tools.arch)}`);
  }
  return e;
}

/** The offset of the first byte where `a` and `b` differ (the shorter length when one is a prefix of the other). */
export function firstDifference(a: Buffer, b: Buffer): number {
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

const hex = (v: bigint): string => `0x${v.toString(16)}`;

/** How one handed-out region differs from what it must be. */
function compareRegion(what: string, got: HandedOut, expected: Buffer): string[] {
  const bad: string[] = [];
  if (got.size !== BigInt(expected.length)) bad.push(`${what} size = ${got.size}, expected ${expected.length}`);
  if (got.size % BigInt(PAYLOAD_ALIGN) !== 0n) bad.push(`${what} size ${got.size} is not a multiple of 64 KiB`);
  if (got.address % BigInt(PAYLOAD_ALIGN) !== 0n) bad.push(`the ${what} is at ${hex(got.address)}, not 64 KiB aligned`);
  if (got.perms[1] !== 'w') bad.push(`the ${what} is mapped '${got.perms}', not writable`);
  if (!got.bytes.equals(expected)) bad.push(`the ${what} bytes differ from what was bundled, first at offset ${firstDifference(got.bytes, expected)}`);
  return bad;
}

/** Every way the library differs from what it must be; empty when it is right. */
export function compareReport(
  input: VerifyInput,
  report: ProbeReport,
  expected: { kernel: Buffer; blobs?: Partial<Record<BlobName, Buffer>> },
  info: Awaited<ReturnType<typeof inspectLibrary>>,
): string[] {
  const bad: string[] = [];
  if (report.version !== input.abiVersion) bad.push(`krunfw_get_version() = ${report.version}, expected ${input.abiVersion}`);
  if (report.loadAddr !== input.loadAddr) bad.push(`load_addr = ${hex(report.loadAddr)}, expected ${hex(input.loadAddr)}`);
  if (report.entryAddr !== input.entryAddr) bad.push(`entry_addr = ${hex(report.entryAddr)}, expected ${hex(input.entryAddr)}`);
  bad.push(...compareRegion('kernel payload', report, expected.kernel));
  const blobNames = Object.keys(expected.blobs ?? {}) as BlobName[];
  for (const name of blobNames) {
    const got = report.blobs[name];
    if (!got) bad.push(`krunfw_get_${name} is missing`);
    else bad.push(...compareRegion(name, got, expected.blobs![name]!));
  }
  if (expected.blobs?.qboot && report.blobs.qboot && report.blobs.qboot.size !== BigInt(QBOOT_SIZE)) {
    bad.push(`qboot is ${report.blobs.qboot.size} bytes; libkrun requires exactly ${QBOOT_SIZE}`);
  }
  if (info.soname !== input.soname) bad.push(`soname is ${info.soname ?? 'missing'}, expected ${input.soname}`);
  const wanted = ['krunfw_get_kernel', 'krunfw_get_version', ...blobNames.map((n) => `krunfw_get_${n}`)];
  for (const fn of wanted) {
    if (!info.exports.includes(fn)) bad.push(`${fn} is not exported`);
  }
  const extra = info.exports.filter((s) => s.startsWith('krunfw_') && !wanted.includes(s));
  if (extra.length > 0) bad.push(`unexpected exports: ${extra.join(', ')}`);
  if (!info.stripped) bad.push('the library is not stripped (it has a .symtab)');
  return bad;
}

export const verifyStage: Stage<VerifyInput, VerifyOutput> = {
  name: 'verify',
  title: 'load the library and check what it hands out',
  async run(input, ctx) {
    if (input.host === 'windows') return dllVerifyStage.run(input, ctx);
    const tools = input.tools ?? targetTools('x86_64');
    const probeDir = path.join(ctx.workDir, 'verify');
    if (tools.runPrefix.length > 0) ctx.log.info(`running the ${tools.arch} probe under ${tools.runPrefix.join(' ')}`);
    const report = await probeLibrary(input.library, probeDir, tools);
    const expected = {
      kernel: readFileSync(input.payloadFile),
      blobs: Object.fromEntries((input.blobs ?? []).map((b) => [b.name, readFileSync(b.payloadFile)])),
    };
    const info = await inspectLibrary(input.library, tools.readelf);
    const bad = compareReport(input, report, expected, info);
    if (bad.length > 0) throw new VerifyError(input.library, bad);
    const checks = [
      `krunfw_get_version() = ${report.version}`,
      `load_addr 0x${report.loadAddr.toString(16)}, entry_addr 0x${report.entryAddr.toString(16)}`,
      `size ${report.size} (64 KiB multiple), at 0x${report.address.toString(16)} (64 KiB aligned, ${report.perms})`,
      `${expected.kernel.length} bytes equal to the kernel's payload`,
      ...Object.entries(report.blobs).map(([n, b]) => `${n}: ${b.size} bytes at 0x${b.address.toString(16)} (${b.perms}), equal to what was bundled`),
      `soname ${info.soname}, stripped, exports ${info.exports.filter((e) => e.startsWith('krunfw_')).join(', ')}`,
    ];
    for (const c of checks) ctx.log.info(`✓ ${c}`);
    return { checks, payloadFromLibrary: path.join(probeDir, PAYLOAD_FROM_LIBRARY) };
  },
  summary: (o) => `${o.checks.length} checks passed`,
};
