// Which launches to measure: lists of vCPU counts and memory sizes, parsed and
// checked against what libkrun accepts (krun_set_vm_config(ctx, uint8_t
// num_vcpus, uint32_t ram_mib)).
import { InputError } from '../errors.ts';
import { inputDefault } from '../request/inputs.ts';

/** libkrun takes the vCPU count as a uint8_t. */
export const MAX_VCPUS = 255;
/** and the memory size in MiB as a uint32_t. */
export const MAX_MEMORY_MIB = 0xffffffff;

export interface MeasureOptions {
  vcpus: number[];
  memoryMiB: number[];
}

/**
 * The defaults are the action's inputs' (src/request/inputs.ts): 1 vCPU × 2048
 * MiB is what libkrunfw's reference tool measures when asked nothing; 2, 4 and
 * 8 are the other powers of two up to the 8 CPUs libkrunfw's SEV kernel config
 * allows (CONFIG_NR_CPUS=8). Memory changes only the zero page's e820 map, so
 * one common size is published by default and any other is one option away.
 */
export function defaultMeasureOptions(): MeasureOptions {
  return { vcpus: parseVcpus(inputDefault('measure-vcpus')!, 'measure-vcpus'), memoryMiB: parseMemoryMiB(inputDefault('measure-memory')!, 'measure-memory') };
}

/**
 * "1,2,4" (commas and/or spaces) as sorted distinct whole numbers in [1, max].
 * `where` names the input in the message: "--vcpus", "measure-vcpus".
 */
export function parseNumberList(text: string, where: string, max: number, unit: string): number[] {
  const items = text.split(/[\s,]+/).filter((s) => s !== '');
  if (items.length === 0) throw new InputError(`${where}: no ${unit} given (expected e.g. 1,2,4)`);
  const values = items.map((item) => {
    if (!/^[0-9]+$/.test(item)) throw new InputError(`${where}: '${item}' is not a whole number of ${unit}`);
    const n = Number(item);
    if (n < 1 || n > max) throw new InputError(`${where}: ${item} ${unit} is out of range; libkrun takes 1 to ${max}`);
    return n;
  });
  return [...new Set(values)].sort((a, b) => a - b);
}

export function parseVcpus(text: string, where = '--vcpus'): number[] {
  return parseNumberList(text, where, MAX_VCPUS, 'vCPUs');
}

export function parseMemoryMiB(text: string, where = '--memory'): number[] {
  return parseNumberList(text, where, MAX_MEMORY_MIB, 'MiB');
}

/** CONFIG_NR_CPUS of a kernel .config's text: 1 without SMP, undefined when it does not say. */
export function kernelNrCpus(dotConfig: string): number | undefined {
  const nr = /^CONFIG_NR_CPUS=([0-9]+)$/m.exec(dotConfig);
  if (nr) return Number(nr[1]);
  if (/^# CONFIG_SMP is not set$/m.test(dotConfig)) return 1;
  return undefined;
}

/**
 * More vCPUs than the kernel brings up are warned about, not refused: the
 * secure processor still measures one VMSA per vCPU KVM creates, so the digest
 * is what such a launch reports; the guest just leaves the extra vCPUs offline.
 */
export function vcpuWarnings(vcpus: readonly number[], nrCpus: number | undefined): string[] {
  if (nrCpus === undefined) return [];
  const over = vcpus.filter((n) => n > nrCpus);
  if (over.length === 0) return [];
  return [
    `measured ${over.join(', ')} vCPUs, but the kernel is configured for at most ${nrCpus} (CONFIG_NR_CPUS): ` +
      `such a guest launches with that measurement and leaves the extra vCPUs offline`,
  ];
}
