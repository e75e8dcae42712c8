// libkrunfw.dll built by the real mingw from a vmlinux-like ELF, loaded under
// wine through LoadLibrary/GetProcAddress, and checked: the right DLL passes,
// and DLLs broken the ways named in the issue fail, each fault named.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { InfrastructureError, VerifyError } from '../../src/errors.ts';
import {
  DLL_LDFLAGS,
  dllPayloadFromVmlinux,
  dllVerifyStage,
  linkDll,
  probeDll,
  readPe,
  runUnderWine,
  writeDllSources,
  type DllSourceInput,
} from '../../src/windows/index.ts';
import { kernelPayloadFromElf } from '../../src/pipeline/stages/bundle.ts';
import { readElf64 } from '../../src/elf/index.ts';
import { sha256 } from '../../src/util/hash.ts';
import { buildKernelLikeElf } from '../support/elf-fixtures.ts';
import { stageContext } from '../support/context.ts';
import { tempDir } from '../support/tmp.ts';

const root = tempDir('windows-dll');
// One wine prefix for the file: its first start is the slow part.
const winePrefix = path.join(root, 'wineprefix');

let source: DllSourceInput;
let good: string;

/** Builds a DLL from the generated sources after `edit` changed them, with the real mingw and make. */
function buildEdited(name: string, edit: (dir: string) => void, input: DllSourceInput = source): string {
  const dir = path.join(root, name);
  writeDllSources(dir, input);
  edit(dir);
  execFileSync('make', ['-C', dir], { stdio: 'ignore' });
  return path.join(dir, 'libkrunfw.dll');
}

function editFile(file: string, from: string | RegExp, to: string): void {
  const text = readFileSync(file, 'utf8');
  const changed = text.replace(from, to);
  expect(changed).not.toBe(text);
  writeFileSync(file, changed);
}

/** verify's mismatches for a DLL, or [] when it passes. */
async function mismatches(library: string, name: string): Promise<string[]> {
  try {
    await dllVerifyStage.run(
      { library, abiVersion: 5, loadAddr: 0x1000000n, entryAddr: 0x1000000n, payloadFile: source.payloadFile, winePrefix },
      stageContext(path.join(root, `verify-${name}`)),
    );
    return [];
  } catch (e) {
    expect(e).toBeInstanceOf(VerifyError);
    expect((e as VerifyError).message).toContain(library);
    return (e as VerifyError).mismatches;
  }
}

beforeAll(async () => {
  const elf = await buildKernelLikeElf();
  const kp = await dllPayloadFromVmlinux(elf.file);
  const payloadFile = path.join(root, 'kernel.bin');
  writeFileSync(payloadFile, kp.payload);
  source = { payloadFile, loadAddr: kp.loadAddr, entryAddr: kp.entryAddr, size: kp.payload.length, abiVersion: 5 };
  good = await linkDll(source, path.join(root, 'good'));
}, 120_000);

describe('the Windows payload', () => {
  it('is the Linux payload cut to 4 KiB padding: same bytes, a 4 KiB multiple, not a 64 KiB one', async () => {
    const elf = await buildKernelLikeElf();
    const linux = kernelPayloadFromElf(await readElf64(elf.file)).payload;
    const win = readFileSync(source.payloadFile);
    // The fixture's last PT_LOAD ends at 0x401000 past load_addr.
    expect(win.length).toBe(0x401000);
    expect(linux.length).toBe(0x410000);
    expect(linux.subarray(0, win.length).equals(win)).toBe(true);
    expect(linux.subarray(win.length).every((b) => b === 0)).toBe(true);
  });
});

describe('libkrunfw.dll', () => {
  it('loads under wine through LoadLibrary and hands out exactly the payload, in writable 4 KiB-aligned pages', async () => {
    const ctx = stageContext(path.join(root, 'verify-good'));
    const out = await dllVerifyStage.run(
      { library: good, abiVersion: 5, loadAddr: 0x1000000n, entryAddr: 0x1000000n, payloadFile: source.payloadFile, winePrefix },
      ctx,
    );
    expect(readFileSync(out.payloadFromLibrary).equals(readFileSync(source.payloadFile))).toBe(true);
    expect(out.checks.join('\n')).toMatch(/exports krunfw_get_kernel, krunfw_get_version \(undecorated/);
    expect(out.checks.join('\n')).toMatch(/4 KiB aligned, PAGE_(WRITECOPY|READWRITE), in \.krunfw/);
  }, 180_000);

  it('is reproducible: built again in another directory (with a space in its path), the same bytes', async () => {
    const again = await linkDll(source, path.join(root, 'else where', 'deeper'));
    expect(sha256(readFileSync(again))).toBe(sha256(readFileSync(good)));
    expect(readFileSync(good).includes(Buffer.from(root))).toBe(false);
  }, 60_000);

  it('keeps the payload in its own writable, non-executable section, 4 KiB aligned', async () => {
    const pe = await readPe(good);
    const s = pe.sections.find((x) => x.name === '.krunfw')!;
    expect(s).toMatchObject({ writable: true, executable: false, virtualSize: 0x401000 });
    expect(s.virtualAddress % 0x1000).toBe(0);
    expect(pe.sectionAlignment).toBe(0x1000);
  });

  it('fails verify when one byte of the payload is wrong, naming the offset', async () => {
    const pe = await readPe(good);
    const s = pe.sections.find((x) => x.name === '.krunfw')!;
    const bytes = readFileSync(good);
    bytes[s.pointerToRawData + 0x2345]! ^= 0xff;
    const bad = path.join(root, 'one-byte', 'libkrunfw.dll');
    execFileSync('mkdir', ['-p', path.dirname(bad)]);
    writeFileSync(bad, bytes);
    expect(await mismatches(bad, 'one-byte')).toEqual([`the kernel payload bytes differ from the ELF's payload, first at offset ${0x2345}`]);
  }, 60_000);

  it('fails verify with a decorated export (krunfw_get_version@0, no --kill-at)', async () => {
    const bad = buildEdited('decorated', (dir) => {
      editFile(
        path.join(dir, 'krunfw.c'),
        'KRUNFW_EXPORT int krunfw_get_version(void)\n',
        'KRUNFW_EXPORT int krunfw_get_version(void) __asm__("krunfw_get_version@0");\nKRUNFW_EXPORT int krunfw_get_version(void)\n',
      );
      editFile(path.join(dir, 'Makefile'), ' -Wl,--kill-at', '');
    });
    const found = await mismatches(bad, 'decorated');
    expect(found).toContain("krunfw_get_version is exported only as 'krunfw_get_version@0'");
    expect(found).toContain("export 'krunfw_get_version@0' is decorated with @<bytes> (link with --kill-at)");
    expect(found.some((m) => m.includes('GetProcAddress'))).toBe(true);
  }, 60_000);

  it('fails verify with an underscore-prefixed export', async () => {
    const bad = buildEdited('underscore', (dir) => {
      editFile(
        path.join(dir, 'krunfw.c'),
        'KRUNFW_EXPORT char *krunfw_get_kernel(size_t *load_addr, size_t *entry_addr, size_t *size)\n',
        'KRUNFW_EXPORT char *krunfw_get_kernel(size_t *, size_t *, size_t *) __asm__("_krunfw_get_kernel");\nKRUNFW_EXPORT char *krunfw_get_kernel(size_t *load_addr, size_t *entry_addr, size_t *size)\n',
      );
    });
    const found = await mismatches(bad, 'underscore');
    expect(found).toContain("krunfw_get_kernel is exported only as '_krunfw_get_kernel'");
    expect(found).toContain("export '_krunfw_get_kernel' has a leading underscore");
  }, 60_000);

  it('fails verify with an extra export', async () => {
    const bad = buildEdited('extra', (dir) => {
      writeFileSync(
        path.join(dir, 'krunfw.c'),
        `${readFileSync(path.join(dir, 'krunfw.c'), 'utf8')}\nKRUNFW_EXPORT int krunfw_debug(void)\n{\n\treturn 1;\n}\n`,
      );
    });
    expect(await mismatches(bad, 'extra')).toEqual(["unexpected export 'krunfw_debug'"]);
  }, 60_000);

  it('fails verify with the 64 KiB layout of the Linux library', async () => {
    const linux = kernelPayloadFromElf(await readElf64((await buildKernelLikeElf()).file)).payload;
    const payloadFile = path.join(root, 'kernel-64k.bin');
    writeFileSync(payloadFile, linux);
    const bad = await linkDll({ ...source, payloadFile, size: linux.length }, path.join(root, 'layout-64k'));
    const found = await mismatches(bad, 'layout-64k');
    expect(found).toContain(`the kernel payload size = ${0x410000}, expected ${0x401000}: padded to 64 KiB (the Linux layout), WHP needs 4 KiB`);
  }, 60_000);

  it('fails verify without NX_COMPAT and with a link timestamp', async () => {
    const bad = buildEdited('no-nx', (dir) => {
      editFile(path.join(dir, 'Makefile'), ' -Wl,--nxcompat', ' -Wl,--disable-nxcompat');
      editFile(path.join(dir, 'Makefile'), ' -Wl,--no-insert-timestamp', ' -Wl,--insert-timestamp');
    });
    const found = await mismatches(bad, 'no-nx');
    expect(found).toContain('DllCharacteristics lacks NX_COMPAT (link with --nxcompat)');
    expect(found.some((m) => m.startsWith('the COFF header has a link timestamp'))).toBe(true);
  }, 60_000);

  it('links with the flags the issue names', () => {
    expect(DLL_LDFLAGS).toEqual(expect.arrayContaining(['-shared', '-Wl,--kill-at', '-Wl,--nxcompat', '-Wl,--no-insert-timestamp']));
  });
});

describe('wine itself failing', () => {
  it('is not blamed on the DLL: a prefix wine cannot start in is made again, and the DLL verifies', async () => {
    // A ready-marked prefix whose kernel32.dll is gone: the real wine dies before
    // the probe runs. The file's shared prefix (made by the tests above), so last.
    const prefix = winePrefix;
    await probeDll(good, path.join(root, 'probe-first'), { prefix });
    rmSync(path.join(prefix, 'drive_c', 'windows', 'system32', 'kernel32.dll'));
    const dead = await runUnderWine(path.join(root, 'probe-first', 'krunfw-probe.exe'), [], prefix);
    expect(dead.exitCode).not.toBe(0);
    expect(dead.tail.join('\n')).toContain('could not load kernel32.dll');
    const report = await probeDll(good, path.join(root, 'probe-again'), { prefix });
    expect(report.bytes.equals(readFileSync(source.payloadFile))).toBe(true);
    expect(existsSync(path.join(prefix, 'drive_c', 'windows', 'system32', 'kernel32.dll'))).toBe(true);
  }, 180_000);

  it('is an infrastructure error naming wine and the prefix, not a verify failure', async () => {
    const prefix = path.join(root, 'no-wine-prefix');
    const e = await probeDll(good, path.join(root, 'probe-false'), { prefix, wine: '/bin/false' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InfrastructureError);
    expect((e as Error).message).toContain(`wine could not create its prefix ${prefix}`);
  });
});
