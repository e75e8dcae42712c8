// vCPU and memory lists: what is accepted, what is refused and how it is named.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.ts';
import { defaultMeasureOptions, kernelNrCpus, parseMemoryMiB, parseVcpus, vcpuWarnings } from '../../src/measure/options.ts';

describe('parseVcpus', () => {
  it.each([
    ['1', [1]],
    ['1,2,4', [1, 2, 4]],
    ['4, 2 ,1', [1, 2, 4]],
    ['8 8 2', [2, 8]],
    ['255', [255]],
  ])('%j → %j', (text, list) => {
    expect(parseVcpus(text)).toEqual(list);
  });

  it.each([
    ['', '--vcpus: no vCPUs given (expected e.g. 1,2,4)'],
    [' , ', '--vcpus: no vCPUs given (expected e.g. 1,2,4)'],
    ['0', '--vcpus: 0 vCPUs is out of range; libkrun takes 1 to 255'],
    ['256', '--vcpus: 256 vCPUs is out of range; libkrun takes 1 to 255'],
    ['2,x', "--vcpus: 'x' is not a whole number of vCPUs"],
    ['1.5', "--vcpus: '1.5' is not a whole number of vCPUs"],
    ['-1', "--vcpus: '-1' is not a whole number of vCPUs"],
    ['0x4', "--vcpus: '0x4' is not a whole number of vCPUs"],
  ])('refuses %j: %s', (text, message) => {
    expect(() => parseVcpus(text)).toThrow(InputError);
    expect(() => parseVcpus(text)).toThrow(message);
  });

  it('names the input it was given as', () => {
    expect(() => parseVcpus('x', 'measure-vcpus')).toThrow("measure-vcpus: 'x' is not a whole number of vCPUs");
  });
});

describe('parseMemoryMiB', () => {
  it('takes sizes up to libkrun’s u32 MiB', () => {
    expect(parseMemoryMiB('4096,2048')).toEqual([2048, 4096]);
    expect(parseMemoryMiB('4294967295')).toEqual([4294967295]);
  });

  it('refuses a size of 0 or beyond a u32, and units', () => {
    expect(() => parseMemoryMiB('0')).toThrow('--memory: 0 MiB is out of range; libkrun takes 1 to 4294967295');
    expect(() => parseMemoryMiB('4294967296')).toThrow('--memory: 4294967296 MiB is out of range');
    expect(() => parseMemoryMiB('2G')).toThrow("--memory: '2G' is not a whole number of MiB");
  });
});

it('defaults to 1, 2, 4 and 8 vCPUs with 2048 MiB, a fresh copy each time', () => {
  const a = defaultMeasureOptions();
  expect(a).toEqual({ vcpus: [1, 2, 4, 8], memoryMiB: [2048] });
  a.vcpus.push(16);
  expect(defaultMeasureOptions().vcpus).toEqual([1, 2, 4, 8]);
});

describe('vCPUs beyond the kernel’s CONFIG_NR_CPUS', () => {
  it('reads CONFIG_NR_CPUS from a .config; 1 without SMP; nothing when it does not say', () => {
    expect(kernelNrCpus('CONFIG_SMP=y\nCONFIG_NR_CPUS_RANGE_END=512\nCONFIG_NR_CPUS=8\n')).toBe(8);
    expect(kernelNrCpus('# CONFIG_SMP is not set\n')).toBe(1);
    expect(kernelNrCpus('CONFIG_64BIT=y\n')).toBeUndefined();
  });

  it('are warned about, naming the counts and the limit; none at or below it or when unknown', () => {
    expect(vcpuWarnings([1, 2, 4, 8, 16, 32], 8)).toEqual([
      'measured 16, 32 vCPUs, but the kernel is configured for at most 8 (CONFIG_NR_CPUS): such a guest launches with that measurement and leaves the extra vCPUs offline',
    ]);
    expect(vcpuWarnings([1, 8], 8)).toEqual([]);
    expect(vcpuWarnings([64], undefined)).toEqual([]);
  });
});
