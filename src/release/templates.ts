// Text files the source release carries beside the sources: how to rebuild with
// standard tools (sh, make, a C compiler, python3), and the payload extractor.

/**
 * The payload of an x86_64 vmlinux, as the bundle stage makes it, in Python's
 * standard library only, so the release rebuilds without this project.
 */
export const PAYLOAD_PY = `#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-only
# Writes libkrunfw's kernel payload from an ELF64 little-endian vmlinux: the
# PT_LOAD segments' file bytes placed at p_paddr minus the first one's p_paddr,
# zeros between them, no bss, padded to 64 KiB. Prints load and entry address.
import struct, sys

def main(vmlinux, out):
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
    payload = bytearray((end + 0xFFFF) // 0x10000 * 0x10000)
    for paddr, offset, filesz in loads:
        payload[paddr - base:paddr - base + filesz] = data[offset:offset + filesz]
    open(out, "wb").write(payload)
    print(f"load_addr=0x{base:x} entry_addr=0x{entry:x} size={len(payload)}")

if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
`;

export function buildScript(m: { kernelTarball: string; arch: string; epoch: number; user: string; host: string; configMode: string }): string {
  return `#!/bin/sh
# Rebuilds the library from this source release with standard tools:
# tar, patch, make, a C compiler and python3. Run it in an empty directory:
#   sh path/to/build.sh
# (libkrunfw-action verify-source does the same and compares the sha256.)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tar -xf "$here/${m.kernelTarball}"
cd linux-*/
while read -r p; do
  case "$p" in ''|'#'*) continue ;; esac
  patch -p1 --fuzz=0 < "$here/patches/$p"
done < "$here/patches/series"
cp "$here/config/final.config" .config
make ARCH=${m.arch} olddefconfig
rm -f .version
SOURCE_DATE_EPOCH=${m.epoch} KBUILD_BUILD_TIMESTAMP='${new Date(m.epoch * 1000).toUTCString()}' \\
KBUILD_BUILD_USER=${m.user} KBUILD_BUILD_HOST=${m.host} KBUILD_BUILD_VERSION=1 LC_ALL=C TZ=UTC \\
  make ARCH=${m.arch} -j"$(nproc)" vmlinux
cd ..
cp -r "$here/libkrunfw" libkrunfw
python3 libkrunfw/payload.py linux-*/vmlinux libkrunfw/kernel.bin
make -C libkrunfw
# Config given as ${m.configMode}; config/final.config is what kconfig made of it.
`;
}
