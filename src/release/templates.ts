// Text files the source release carries beside the sources: how to rebuild with
// standard tools (sh, make, a C compiler, python3), and the payload extractor.
import { PAYLOAD_ALIGN } from '../pipeline/stages/bundle.ts';
import type { Host } from '../target.ts';
import { shellQuote } from '../util/shell-quote.ts';
import { DLL_FILE, DLL_PAYLOAD_ALIGN, MINGW_CC } from '../windows/dll-sources.ts';

/**
 * The kernel payload as the bundle stage makes it, in Python's standard library
 * only, so the release rebuilds without this project.
 */
export const PAYLOAD_PY = `#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-only
# Writes libkrunfw's kernel payload.
#   payload.py vmlinux VMLINUX OUT [ALIGN]  (x86_64) the PT_LOAD segments' file bytes
#     of an ELF64 little-endian vmlinux placed at p_paddr minus the first one's
#     p_paddr, zeros between them, no bss, padded to ALIGN bytes.
#   payload.py image IMAGE OUT [ALIGN]  (aarch64, riscv64) the raw Image padded to ALIGN.
# ALIGN is 65536 (64 KiB) for the Linux library, 4096 for the Windows DLL (WHP maps
# 4 KiB pages). Prints load and entry address.
import struct, sys

def padded(size, align):
    return (size + align - 1) // align * align

def image(path, out, align):
    data = open(path, "rb").read()
    payload = bytearray(padded(len(data), align))
    payload[:len(data)] = data
    open(out, "wb").write(payload)
    print(f"load_addr=0x80000000 entry_addr=0x80000000 size={len(payload)}")

def vmlinux(vmlinux, out, align):
    data = open(vmlinux, "rb").read()
    if data[:4] != b"\\x7fELF" or data[4] != 2 or data[5] != 1:
        sys.exit(f"{vmlinux}: not a little-endian ELF64 file")
    entry, phoff = struct.unpack_from("<QQ", data, 24)
    phentsize, phnum = struct.unpack_from("<HH", data, 54)
    loads = []
    for i in range(phnum):
        p_type, _, p_offset, _, p_paddr, p_filesz = struct.unpack_from("<IIQQQQ", data, phoff + i * phentsize)
        if p_type == 1:
            loads.append((p_paddr, p_offset, p_filesz))
    base = loads[0][0]
    end = 0
    for (paddr, _, filesz), nxt in zip(loads, loads[1:] + [None]):
        if nxt is not None and nxt[0] < paddr + filesz:
            sys.exit("PT_LOAD segments overlap or are out of order")
        end = paddr + filesz - base
    payload = bytearray(padded(end, align))
    for paddr, offset, filesz in loads:
        payload[paddr - base:paddr - base + filesz] = data[offset:offset + filesz]
    open(out, "wb").write(payload)
    print(f"load_addr=0x{base:x} entry_addr=0x{entry:x} size={len(payload)}")

if __name__ == "__main__":
    align = int(sys.argv[4]) if len(sys.argv) > 4 else 0x10000
    {"vmlinux": vmlinux, "image": image}[sys.argv[1]](sys.argv[2], sys.argv[3], align)
`;

export interface BuildScriptFacts {
  kernelTarball: string;
  /** Our arch name (uname -m spelling): x86_64, aarch64, riscv64. */
  arch: string;
  kernelArch: string;
  /** The make target and where it lands: vmlinux, or Image at arch/arm64/boot/Image. */
  image: string;
  imagePath: string;
  /** CROSS_COMPILE to use when this machine is not of `arch`. */
  crossCompile: string;
  /** The library's host: linux (the .so, 64 KiB payload) or windows (libkrunfw.dll by mingw, 4 KiB payload). */
  host: Host;
  epoch: number;
  user: string;
  /** KBUILD_BUILD_HOST. */
  buildHost: string;
  configMode: string;
}

/** The script's last lines: the payload at the host's alignment, then the library's Makefile with the host's compiler. */
function libraryLines(m: BuildScriptFacts): string {
  const payloadMode = m.image === 'vmlinux' ? 'vmlinux' : 'image';
  const payload = (align: number): string => `python3 libkrunfw/payload.py ${payloadMode} linux-*/${m.imagePath} libkrunfw/kernel.bin ${align}`;
  if (m.host === 'windows') {
    return `# ${DLL_FILE}: a 4 KiB payload (WHP maps 4 KiB pages), linked by the mingw-w64 cross
# compiler (Debian: gcc-mingw-w64-x86-64; set MINGW_CC to choose another).
${payload(DLL_PAYLOAD_ALIGN)}
make -C libkrunfw CC="\${MINGW_CC-${MINGW_CC}}"`;
  }
  return `${payload(PAYLOAD_ALIGN)}
make -C libkrunfw CC="\${CROSS_COMPILE}gcc" STRIP="\${CROSS_COMPILE}strip"`;
}

export function buildScript(m: BuildScriptFacts): string {
  const q = shellQuote;
  // What comes from the run's inputs goes in single-quoted (a tarball named with $ or a backtick is a name,
  // not a command); arch, make targets and the cross prefix come from the fixed table in target.ts.
  return `#!/bin/sh
# Rebuilds the library from this source release with standard tools:
# tar, patch, make, a C compiler and python3. Run it in an empty directory:
#   sh path/to/build.sh
# (libkrunfw-action verify-source does the same and compares the sha256.)
# On a machine that is not ${m.arch}, the cross compiler ${m.crossCompile}gcc is used
# (set CROSS_COMPILE to choose another).
set -eu
here=$(cd -- "$(dirname -- "$0")" && pwd)
# The kernel's Makefile refuses whitespace and colons in its directory's path, and
# hands the directory to the shell unquoted, so quotes, $, ;, &, |, <, >, (, ),
# backticks and backslashes break it too.
case $PWD in
  *[[:space:]:\\'\\"\\$\\;\\&\\|\\<\\>\\(\\)\\\`\\\\]*)
    printf '%s\\n' "build.sh: the Linux build cannot run in $PWD: the kernel's Makefile cannot take whitespace, colons, quotes, \\$, ;, &, |, <, >, parentheses, backticks or backslashes in its path; run build.sh from another directory" >&2
    exit 1 ;;
esac
if [ "$(uname -m)" = ${m.arch} ]; then CROSS_COMPILE=\${CROSS_COMPILE-}; else CROSS_COMPILE=\${CROSS_COMPILE-${m.crossCompile}}; fi
tar -xf "$here"/${q(m.kernelTarball)}
cd linux-*/
while read -r p; do
  case "$p" in ''|'#'*) continue ;; esac
  patch -p1 --fuzz=0 < "$here/patches/$p"
done < "$here/patches/series"
cp "$here/config/final.config" .config
make ARCH=${m.kernelArch} CROSS_COMPILE="$CROSS_COMPILE" olddefconfig
rm -f .version
SOURCE_DATE_EPOCH=${m.epoch} KBUILD_BUILD_TIMESTAMP=${q(new Date(m.epoch * 1000).toUTCString())} \\
KBUILD_BUILD_USER=${q(m.user)} KBUILD_BUILD_HOST=${q(m.buildHost)} KBUILD_BUILD_VERSION=1 LC_ALL=C TZ=UTC \\
  make ARCH=${m.kernelArch} CROSS_COMPILE="$CROSS_COMPILE" -j"$(nproc)" ${[...new Set(['vmlinux', m.image])].join(' ')}
cd ..
cp -r "$here/libkrunfw" libkrunfw
${libraryLines(m)}
# Config given as ${m.configMode}; config/final.config is what kconfig made of it.
`;
}
