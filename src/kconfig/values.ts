// Values as a config asks for them and as kconfig wrote them.
import type { Location } from '../errors.ts';

/** The options a config asked for, by name (CONFIG_FOO), with where each was asked. */
export type RequestedValues = ReadonlyMap<string, { value: string; from?: Location }>;

/** Whether kconfig's value is the one asked for (numbers compare by value: 0x10 = 16). */
export function sameValue(requested: string, actual: string): boolean {
  if (requested === actual) return true;
  const num = (v: string): bigint | undefined => (/^(0x[0-9a-f]+|-?\d+)$/i.test(v) ? BigInt(v) : undefined);
  const a = num(requested);
  const b = num(actual);
  return a !== undefined && a === b;
}

/** "file:line" of a place in a config. */
export function placeText(from: Location | undefined): string {
  return from ? `${from.file}${from.line ? `:${from.line}` : ''}` : 'the config';
}
