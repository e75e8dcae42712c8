// Reading protobuf JSON request fields (proto field names, as the clients
// send them with useProtoFieldName). int64 and wrapper types arrive as JSON
// strings; wrappers (StringValue, Int64Value) are bare values in JSON.
import { TwirpError } from './twirp.ts';

export function requiredString(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value === '') {
    throw new TwirpError('invalid_argument', `${field} is required`);
  }
  return value;
}

export function optionalString(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new TwirpError('invalid_argument', `${field} must be a string`);
  return value;
}

export function optionalStrings(body: Record<string, unknown>, field: string): string[] {
  const value = body[field];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw new TwirpError('invalid_argument', `${field} must be a list of strings`);
  }
  return value as string[];
}

export function optionalInt64(body: Record<string, unknown>, field: string): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  const number = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number)) {
    throw new TwirpError('invalid_argument', `${field} must be an integer`);
  }
  return number;
}

export function optionalTimestamp(body: Record<string, unknown>, field: string): Date | undefined {
  const value = optionalString(body, field);
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new TwirpError('invalid_argument', `${field} is not a timestamp`);
  return date;
}

export function matches(pattern: string | RegExp, value: string): boolean {
  return typeof pattern === 'string' ? pattern === value : pattern.test(value);
}
