// The two ways to put a vmlinux into a library, each run as its own process so
// its wall time and peak memory can be measured from outside:
//   ours:  payload from the PT_LOADs, then .incbin + cc (the link stage's Makefile)
//   usual: the same payload written as a C string literal, compiled by gcc
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { readElf64, EM_X86_64 } from '../src/elf/index.ts';
import { kernelPayloadFromElf } from '../src/pipeline/stages/bundle.ts';
import { writeBundleSources } from '../src/pipeline/stages/link.ts';
import { runChecked } from '../src/util/run.ts';

/** The payload as one C string literal, the route many projects take. */
export function cStringLiteral(payload: Buffer): string {
  const parts: string[] = [];
  for (let i = 0; i < payload.length; i += 64) {
    let line = '"';
    for (const b of payload.subarray(i, i + 64)) line += `\\x${b.toString(16).padStart(2, '0')}`;
    parts.push(`${line}"`);
  }
  return parts.join('\n');
}

async function main(): Promise<void> {
  const [route, vmlinux, dir] = process.argv.slice(2);
  if (!route || !vmlinux || !dir) throw new Error('usage: bundle-routes.ts ours|usual VMLINUX DIR');
  const kp = kernelPayloadFromElf(await readElf64(vmlinux, { machine: EM_X86_64 }));
  if (route === 'ours') {
    const payloadFile = path.join(dir, 'payload.bin');
    writeFileSync(payloadFile, kp.payload);
    writeBundleSources(path.join(dir, 'lib'), { ...kp, payloadFile, size: kp.payload.length, variant: 'generic', abiVersion: 5, version: '5.4.0' });
    await runChecked('make', ['-C', path.join(dir, 'lib'), 'CC=gcc']);
  } else {
    const src = path.join(dir, 'kernel.c');
    writeFileSync(
      src,
      `#include <stddef.h>\n__attribute__((aligned(65536))) char KERNEL_BUNDLE[${kp.payload.length}] =\n${cStringLiteral(kp.payload)};\n` +
        `char *krunfw_get_kernel(size_t *l, size_t *e, size_t *s) { *l = 0x${kp.loadAddr.toString(16)}; *e = 0x${kp.entryAddr.toString(16)}; *s = ${kp.payload.length}; return KERNEL_BUNDLE; }\n` +
        'int krunfw_get_version(void) { return 5; }\n',
    );
    await runChecked('gcc', ['-shared', '-fPIC', '-O2', '-s', '-Wl,-soname,libkrunfw.so.5', '-o', path.join(dir, 'libkrunfw.so.5.4.0'), src]);
  }
}

await main();
