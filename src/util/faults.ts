// The machine's refusals, named. A full disk, a read-only file system, a path
// that is not writable or busy, memory run out: whether Node reports it as an
// errno or a tool prints it, the run ends with one FaultError line naming the
// condition and the path (exit 2). The tool's own lines stay in its log file.
import { FaultError } from '../errors.ts';

export type FaultCode = 'ENOSPC' | 'EDQUOT' | 'EROFS' | 'EACCES' | 'EPERM' | 'EBUSY' | 'ENOMEM' | 'EIO';

interface Condition {
  /** How the message names it. */
  text: string;
  /** What a tool prints for it (strerror's text, and gcc's words for running out of memory). */
  printed: RegExp;
  /** What to do about it. */
  hint: string;
}

const CONDITIONS: Record<FaultCode, Condition> = {
  ENOSPC: {
    text: 'no space left on device',
    // GNU tar reports a short write by itself ("Wrote only 9216 of 10240 bytes") before any errno: the disk is full.
    printed: /No space left on device|Wrote only \d+ of \d+ bytes/i,
    hint: 'free space on that file system or choose a directory on another',
  },
  EDQUOT: { text: 'disk quota exceeded', printed: /Disk quota exceeded/i, hint: 'free space within the quota or choose a directory on another file system' },
  EROFS: { text: 'read-only file system', printed: /Read-only file system/i, hint: 'choose a directory on a writable file system' },
  EACCES: { text: 'permission denied', printed: /Permission denied/i, hint: 'choose a directory this user can write, or fix its permissions' },
  EPERM: {
    text: 'operation not permitted',
    printed: /Operation not permitted/i,
    hint: 'choose a directory this user can write (an immutable or sealed file refuses even root)',
  },
  EBUSY: {
    text: 'device or resource busy',
    printed: /Device or resource busy/i,
    hint: 'something holds it (a mount, an open file): release it or choose another directory',
  },
  ENOMEM: {
    text: 'out of memory',
    // gcc: "virtual memory exhausted", "out of memory allocating"; "Killed signal" is the OOM killer's work.
    printed: /Cannot allocate memory|virtual memory exhausted|out of memory|Killed signal terminated program/i,
    hint: 'give the machine more memory or run fewer jobs (jobs)',
  },
  EIO: { text: 'input/output error', printed: /Input\/output error/i, hint: 'the disk or its file system failed: check the machine' },
};

const CODES = Object.keys(CONDITIONS) as FaultCode[];

/** The fault an errno stands for, or undefined when it is not a machine fault (ENOENT, EEXIST...). */
export function faultCodeOf(error: unknown): FaultCode | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return CODES.find((c) => c === code);
}

/** gcc quotes the source line under a diagnostic ("  42 |   pr_err(\"out of memory\");"): text, not a report. */
const SOURCE_EXCERPT = /^\s*\d*\s*\|/;

/** The fault a tool's output line reports, if any. */
export function faultInLine(line: string): FaultCode | undefined {
  if (SOURCE_EXCERPT.test(line)) return undefined;
  return CODES.find((c) => CONDITIONS[c].printed.test(line));
}

/** A description of the condition, as the messages use it: "no space left on device (ENOSPC)". */
export function describeFault(code: FaultCode): string {
  return `${CONDITIONS[code].text} (${code})`;
}

export interface FaultPlace {
  /** What was being done, as a phrase: "extracting linux.tar.xz into". */
  doing: string;
  /** The path it was done to. */
  path: string;
  /** The program that reported it, when it was not Node itself. */
  tool?: string;
  /** Where the tool's whole output is. */
  logFile?: string;
}

/** The one-line error: "no space left on device (ENOSPC) while <doing> <path>: tar could not write x; <hint> (tar's output: log)". */
export function faultError(code: FaultCode, place: FaultPlace, detail?: string): FaultError {
  const said = detail ? `: ${place.tool ? `${place.tool} reported it for ` : ''}${detail}` : '';
  const log = place.logFile ? ` (${place.tool ? `${place.tool}'s` : 'the'} output: ${place.logFile})` : '';
  return new FaultError(code, place.path, `${describeFault(code)} while ${place.doing} ${place.path}${said}; ${CONDITIONS[code].hint}${log}`);
}

/** The FaultError an errno stands for; undefined when the error is something else. */
export function asFault(error: unknown, place: FaultPlace): FaultError | undefined {
  if (error instanceof FaultError) return error;
  const code = faultCodeOf(error);
  if (!code) return undefined;
  const at = (error as NodeJS.ErrnoException).path;
  return faultError(code, place, at && at !== place.path ? at : undefined);
}

/** Throws the FaultError an errno stands for, or the error as it was. */
export function rethrowAsFault(error: unknown, place: FaultPlace): never {
  throw asFault(error, place) ?? error;
}

/** Runs `fn`, turning a machine fault it throws into a FaultError at `place`. */
export function withFaults<T>(place: FaultPlace, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    rethrowAsFault(error, place);
  }
}

/** The async form of withFaults. */
export async function withFaultsAsync<T>(place: FaultPlace, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    rethrowAsFault(error, place);
  }
}

/**
 * The path a tool's fault line names, when it names one: tar's "tar: F: Cannot
 * write: ...", coreutils' "cannot create 'F': ...", as's "... to section .text of F: ...".
 */
export function pathInLine(line: string): string | undefined {
  const quoted = /['‘"]([^'’"]+)['’"]\s*:/.exec(line);
  if (quoted) return quoted[1];
  const tar = /^[\w.-]*tar: (.+?): (?:Cannot|Can't|Error|Read error|Write error|Wrote only)\b/i.exec(line);
  if (tar) return tar[1];
  const of = / of (\S+?):? '/.exec(line);
  if (of) return of[1];
  // An absolute path, but not the program's own name at the start ("/usr/bin/ld: final link failed: ...").
  const abs = /(?:^|\s)(\/[^\s:]+):/.exec(line.replace(/^\S+: /, ''));
  return abs?.[1];
}

/** The first fault in a tool's output lines, as a FaultError; undefined when none reports one. */
export function faultInOutput(lines: readonly string[], place: FaultPlace): FaultError | undefined {
  for (const line of lines) {
    const code = faultInLine(line);
    if (code) return faultError(code, place, pathInLine(line));
  }
  return undefined;
}

/** The FaultError of a run() whose output reported a fault (its `fault`), if it did. */
export function faultOfRun(result: { fault?: { code: FaultCode; line: string } }, place: FaultPlace): FaultError | undefined {
  return result.fault ? faultError(result.fault.code, place, pathInLine(result.fault.line)) : undefined;
}
