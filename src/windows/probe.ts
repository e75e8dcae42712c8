// Loads libkrunfw.dll the way libkrun does on Windows — LoadLibrary, then
// GetProcAddress for the two functions — in a small Windows program built with
// mingw and run under wine, and reports what the functions hand out: the
// numbers, the bytes (dumped to a file) and, through VirtualQuery, how the
// pages that hold them are mapped.
//
// wine runs headless here: no DISPLAY, WINEDEBUG=-all, and mscoree/mshtml
// disabled so that the first start does not offer to install Mono or Gecko.
// The prefix lives in the work dir; creating it on the first start takes tens
// of seconds (about 30 s on a loaded 2-core machine), later starts well under one.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { InfrastructureError, ToolMissingError, VerifyError } from '../errors.ts';
import { run, runChecked } from '../util/run.ts';
import { MINGW_CC } from './dll-sources.ts';

/** The probe's first line, said before LoadLibrary. */
const PROBE_STARTED = 'krunfw-probe: started';

export const DLL_PROBE_C = `/* Loads libkrunfw.dll as libkrun does on Windows and reports what it hands out. */
#define __USE_MINGW_ANSI_STDIO 1
#include <windows.h>
#include <stdio.h>
#include <wchar.h>

typedef char *(*get_kernel_fn)(size_t *, size_t *, size_t *);
typedef int (*get_version_fn)(void);

/* Walks [start, start + size) region by region: writable and executable only
 * if every region is, image only if every region is mapped from the DLL file. */
static void protections(const char *start, size_t size, DWORD *first, int *writable, int *executable, int *image)
{
	const char *at = start, *end = start + size;
	*first = 0;
	*writable = 1;
	*executable = 0;
	*image = 1;
	while (at < end) {
		MEMORY_BASIC_INFORMATION mbi;
		if (VirtualQuery(at, &mbi, sizeof(mbi)) != sizeof(mbi) || mbi.State != MEM_COMMIT) {
			*writable = 0;
			*image = 0;
			return;
		}
		DWORD p = mbi.Protect & 0xff;
		if (at == start)
			*first = mbi.Protect;
		if (!(p & (PAGE_READWRITE | PAGE_WRITECOPY | PAGE_EXECUTE_READWRITE | PAGE_EXECUTE_WRITECOPY)))
			*writable = 0;
		if (p & (PAGE_EXECUTE | PAGE_EXECUTE_READ | PAGE_EXECUTE_READWRITE | PAGE_EXECUTE_WRITECOPY))
			*executable = 1;
		if (mbi.Type != MEM_IMAGE)
			*image = 0;
		at = (const char *)mbi.BaseAddress + mbi.RegionSize;
	}
}

int wmain(int argc, wchar_t **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: krunfw-probe.exe LIBRARY PAYLOAD_OUT\\n");
		return 2;
	}
	/* Said first, so that a failure before this line is wine's, not the DLL's. */
	fprintf(stderr, "${PROBE_STARTED}\\n");
	fflush(stderr);
	HMODULE lib = LoadLibraryW(argv[1]);
	if (!lib) {
		fprintf(stderr, "LoadLibrary failed (error %lu)\\n", GetLastError());
		return 3;
	}
	get_version_fn get_version = (get_version_fn)(void *)GetProcAddress(lib, "krunfw_get_version");
	get_kernel_fn get_kernel = (get_kernel_fn)(void *)GetProcAddress(lib, "krunfw_get_kernel");
	if (!get_version || !get_kernel) {
		fprintf(stderr, "GetProcAddress: krunfw_get_version=%p krunfw_get_kernel=%p\\n", (void *)get_version, (void *)get_kernel);
		return 4;
	}
	size_t load_addr = 0, entry_addr = 0, size = 0;
	int version = get_version();
	char *kernel = get_kernel(&load_addr, &entry_addr, &size);
	DWORD first;
	int writable, executable, image;
	protections(kernel, size, &first, &writable, &executable, &image);
	FILE *out = _wfopen(argv[2], L"wb");
	if (!out || fwrite(kernel, 1, size, out) != size || fclose(out) != 0) {
		fprintf(stderr, "cannot write the payload\\n");
		return 5;
	}
	printf("{\\"version\\":%d,\\"load_addr\\":\\"%llu\\",\\"entry_addr\\":\\"%llu\\",\\"size\\":\\"%llu\\","
	       "\\"address\\":\\"%llu\\",\\"module\\":\\"%llu\\",\\"protect\\":%lu,\\"writable\\":%d,\\"executable\\":%d,\\"image\\":%d}\\n",
	       version, (unsigned long long)load_addr, (unsigned long long)entry_addr, (unsigned long long)size,
	       (unsigned long long)(UINT_PTR)kernel, (unsigned long long)(UINT_PTR)lib, first, writable, executable, image);
	return 0;
}
`;

export const DLL_PAYLOAD_FROM_LIBRARY = 'payload-from-dll.bin';

export interface DllProbeReport {
  version: number;
  loadAddr: bigint;
  entryAddr: bigint;
  size: bigint;
  /** Where the payload is in the process. */
  address: bigint;
  /** Where the DLL is (its HMODULE): address - module is the payload's RVA. */
  module: bigint;
  /** VirtualQuery's Protect of the payload's first page (PAGE_WRITECOPY for a DLL's data). */
  protect: number;
  /** Every page of the payload writable / none executable / all mapped from the DLL. */
  writable: boolean;
  executable: boolean;
  image: boolean;
  bytes: Buffer;
  payloadFile: string;
}

const PAGE_NAMES: Record<number, string> = {
  0x01: 'PAGE_NOACCESS',
  0x02: 'PAGE_READONLY',
  0x04: 'PAGE_READWRITE',
  0x08: 'PAGE_WRITECOPY',
  0x10: 'PAGE_EXECUTE',
  0x20: 'PAGE_EXECUTE_READ',
  0x40: 'PAGE_EXECUTE_READWRITE',
  0x80: 'PAGE_EXECUTE_WRITECOPY',
};

export function pageProtectionName(protect: number): string {
  return PAGE_NAMES[protect & 0xff] ?? `0x${protect.toString(16)}`;
}

/** wine's 64-bit loader: Debian installs it outside PATH, behind a `wine` wrapper that nags about wine32. */
export function findWine(): string {
  for (const candidate of ['/usr/lib/wine/wine64', '/usr/bin/wine64', '/usr/lib/x86_64-linux-gnu/wine/wine64']) {
    if (existsSync(candidate)) return candidate;
  }
  return 'wine64';
}

/** The environment for a quiet, headless wine with its own prefix. */
export function wineEnv(prefix: string): Record<string, string> {
  return {
    WINEPREFIX: prefix,
    WINEDEBUG: '-all',
    // No Mono or Gecko installer dialogs on the prefix's first start.
    WINEDLLOVERRIDES: 'mscoree,mshtml=',
    DISPLAY: '',
    WAYLAND_DISPLAY: '',
    LC_ALL: 'C',
  };
}

/** A host path as a Windows program sees it under wine (drive Z: is the host's /). */
export function toWindowsPath(p: string): string {
  return `Z:${path.resolve(p).replace(/\//g, '\\')}`;
}

/** Builds the probe with mingw; `dir` gets krunfw-probe.c and .exe. */
export async function buildDllProbe(dir: string, cc = MINGW_CC): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const src = path.join(dir, 'krunfw-probe.c');
  const exe = path.join(dir, 'krunfw-probe.exe');
  writeFileSync(src, DLL_PROBE_C);
  await runChecked(cc, ['-O1', '-Wall', '-Werror', '-municode', '-static', '-o', exe, src]).catch((e: unknown) => {
    throw e instanceof ToolMissingError
      ? new ToolMissingError(cc, 'Checking the Windows DLL needs the mingw-w64 cross compiler: apt-get install gcc-mingw-w64-x86-64')
      : e;
  });
  return exe;
}

/** wineserver beside the wine loader `wine` (Debian: /usr/lib/wine/wineserver64). */
export function findWineserver(wine = findWine()): string {
  const dir = path.dirname(wine);
  for (const name of ['wineserver64', 'wineserver']) {
    const candidate = path.join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  return 'wineserver';
}

/** Runs wine, saying which package brings it when it is missing. */
function runWine(wine: string, args: string[], env: Record<string, string>): ReturnType<typeof run> {
  return run(wine, args, { env }).catch((e: unknown) => {
    throw e instanceof ToolMissingError ? new ToolMissingError(wine, 'Checking the Windows DLL runs it under wine: apt-get install wine64') : e;
  });
}

/** wine's last `n` non-empty output lines, on one line. */
const lastLines = (tail: string[], n: number): string =>
  tail
    .filter((l) => l.trim() !== '')
    .slice(-n)
    .join('; ');

/** Written into a prefix once wineboot has finished creating it. */
const PREFIX_READY = '.libkrunfw-prefix-ready';

/**
 * Creates the wine prefix `prefix` with wineboot and waits for its wineserver
 * to finish, once: a prefix without the ready mark (new, or left half-made by
 * a killed or failed start) is removed and made again. Left to the probe's own
 * first start, a slow or failed prefix creation once killed the program with
 * "could not load kernel32.dll" (in CI, under load), which looked like a fault
 * of the DLL.
 */
export async function preparePrefix(prefix: string, wine = findWine()): Promise<void> {
  if (existsSync(path.join(prefix, PREFIX_READY))) return;
  rmSync(prefix, { recursive: true, force: true });
  mkdirSync(prefix, { recursive: true });
  // wine's own errors about its start (wineboot, module loading) stay visible.
  const env = { ...wineEnv(prefix), WINEDEBUG: '-all,err+environ,err+module' };
  const boot = await runWine(wine, ['wineboot', '--init'], env);
  const kernel32 = path.join(prefix, 'drive_c', 'windows', 'system32', 'kernel32.dll');
  const fail = (exitCode: number, tail: string[]): InfrastructureError => {
    const why = lastLines(tail, 5);
    return new InfrastructureError(`wine could not create its prefix ${prefix} (exit ${exitCode}): ${why || `no ${kernel32}`}`);
  };
  if (boot.exitCode !== 0) throw fail(boot.exitCode, boot.tail);
  const settled = await run(findWineserver(wine), ['-w'], { env });
  if (settled.exitCode !== 0 || !existsSync(kernel32)) throw fail(settled.exitCode, [...boot.tail, ...settled.tail]);
  writeFileSync(path.join(prefix, PREFIX_READY), '');
}

/** Runs a Windows program under wine with the prefix `prefix`, created first if it is not ready. */
export async function runUnderWine(exe: string, args: string[], prefix: string, wine = findWine()): Promise<Awaited<ReturnType<typeof run>>> {
  await preparePrefix(prefix, wine);
  return runWine(wine, [exe, ...args], wineEnv(prefix));
}

/** Whether the probe got as far as its first line (wine writes it with \r\n). */
const probeStarted = (tail: string[]): boolean => tail.some((l) => l.trim() === PROBE_STARTED);

/** Loads `dll` with LoadLibrary under wine and reports what it hands out. */
export async function probeDll(dll: string, dir: string, options: { wine?: string; prefix?: string } = {}): Promise<DllProbeReport> {
  const exe = await buildDllProbe(dir);
  const payloadFile = path.join(dir, DLL_PAYLOAD_FROM_LIBRARY);
  const prefix = options.prefix ?? path.join(dir, 'wineprefix');
  const args = [toWindowsPath(dll), toWindowsPath(payloadFile)];
  let r = await runUnderWine(exe, args, prefix, options.wine);
  if (r.exitCode !== 0 && !probeStarted(r.tail)) {
    // wine failed before the probe ran: the prefix, not the DLL. Once more from a new prefix.
    rmSync(path.join(prefix, PREFIX_READY), { force: true });
    r = await runUnderWine(exe, args, prefix, options.wine);
    if (r.exitCode !== 0 && !probeStarted(r.tail)) {
      const why = lastLines(r.tail, 3);
      throw new InfrastructureError(`wine could not start the DLL probe ${exe} (prefix ${prefix}, exit ${r.exitCode}), twice: ${why}`);
    }
  }
  if (r.exitCode !== 0) {
    // The probe's own line says why; wine's noise (it has no 32-bit half here) is left out.
    const why = r.tail.filter((l) => /LoadLibrary|GetProcAddress|cannot write|usage/.test(l)).join('; ') || r.tail.slice(-5).join(' ');
    throw new VerifyError(dll, [`loading it under wine failed: ${why.trim()} (exit ${r.exitCode})`]);
  }
  const line = r.stdout.trim().split('\n').pop() ?? '';
  let json: Record<string, string | number>;
  try {
    json = JSON.parse(line) as Record<string, string | number>;
  } catch {
    throw new InfrastructureError(`the Windows probe printed no report under wine: ${r.stdout.slice(0, 200)}`);
  }
  return {
    version: Number(json.version),
    loadAddr: BigInt(json.load_addr!),
    entryAddr: BigInt(json.entry_addr!),
    size: BigInt(json.size!),
    address: BigInt(json.address!),
    module: BigInt(json.module!),
    protect: Number(json.protect),
    writable: json.writable === 1,
    executable: json.executable === 1,
    image: json.image === 1,
    bytes: readFileSync(payloadFile),
    payloadFile,
  };
}
