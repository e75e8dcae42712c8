// Layouts libkrun could not launch are refused, each with one line naming the
// library and what is wrong.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.ts';
import { checkFitsMemory, checkGuestImage, type GuestImage } from '../../src/measure/guest-image.ts';

const good = (): GuestImage => ({
  qboot: Buffer.alloc(0x10000),
  kernel: Buffer.alloc(0x410000),
  kernelLoadAddr: 0x1000000n,
  initrd: Buffer.alloc(0x20000),
  initrdSize: 0x20000,
});

describe('checkGuestImage', () => {
  it('accepts what a libkrunfw-sev library hands out', () => {
    expect(() => checkGuestImage(good(), 'lib.so')).not.toThrow();
  });

  it.each<[string, (g: GuestImage) => void, string]>([
    [
      'a qboot that is not 64 KiB',
      (g) => (g.qboot = Buffer.alloc(0x8000)),
      'lib.so: krunfw_get_qboot() hands out 32768 bytes; libkrun maps qboot as exactly 65536',
    ],
    [
      'an initrd size that is not what was handed out',
      (g) => (g.initrdSize = 0x30000),
      'lib.so: krunfw_get_initrd() reports 196608 bytes but handed out 131072',
    ],
    ['a kernel of part of a page', (g) => (g.kernel = Buffer.alloc(0x1800)), 'lib.so: the kernel is 6144 bytes, not whole 4 KiB pages (SNP measures pages)'],
    ['an empty initrd', (g) => ((g.initrd = Buffer.alloc(0)), (g.initrdSize = 0)), 'lib.so: the initrd is 0 bytes, not whole 4 KiB pages'],
    ['a kernel load address off a page', (g) => (g.kernelLoadAddr = 0x1000800n), "lib.so: the kernel's load_addr 0x1000800 is not 4 KiB aligned"],
    [
      'an initrd running into the kernel',
      (g) => ((g.initrd = Buffer.alloc(0x700000)), (g.initrdSize = 0x700000)),
      "lib.so: the kernel (0x1000000..0x1410000) overlaps the initrd (0xa00000..0x1100000) in libkrun's SEV layout",
    ],
    [
      'a kernel loaded over the zero page',
      (g) => (g.kernelLoadAddr = 0x4000n),
      'lib.so: the kernel (0x4000..0x414000) overlaps the SNP secrets page (0x5000..0x6000)',
    ],
    [
      'a kernel reaching qboot',
      (g) => (g.kernelLoadAddr = 0xffc00000n),
      'lib.so: qboot (0xffff0000..0x100000000) overlaps the kernel (0xffc00000..0x100010000)',
    ],
  ])('refuses %s', (_what, edit, message) => {
    const g = good();
    edit(g);
    expect(() => checkGuestImage(g, 'lib.so')).toThrow(InputError);
    expect(() => checkGuestImage(g, 'lib.so')).toThrow(message);
  });
});

describe('checkFitsMemory', () => {
  it('accepts memory that holds the kernel, exactly or with room', () => {
    expect(() => checkFitsMemory(good(), 2048, 'lib.so')).not.toThrow();
    // The kernel ends at 0x1410000: 20.0625 MiB.
    expect(() => checkFitsMemory(good(), 21, 'lib.so')).not.toThrow();
  });

  it('refuses memory that ends inside the kernel, naming the size and where the kernel ends', () => {
    expect(() => checkFitsMemory(good(), 20, 'lib.so')).toThrow(
      new InputError("memory 20 MiB: the kernel of lib.so ends at 0x1410000, beyond the guest's RAM (0x1400000)"),
    );
    expect(() => checkFitsMemory(good(), 8, 'lib.so')).toThrow('memory 8 MiB: the initrd of lib.so ends at 0xa20000');
  });
});
