// Named errors, all of them here. Every failure a user can cause names its cause
// and the place it is (file, patch, hunk, option) and is a UserError (exit 1);
// every failure of the machine or a tool (a crash, the network, a full disk) is
// an InfrastructureError (exit 2), so callers can tell "fix your input" from
// "try again". The doors print `message` once; nothing else throws plain Errors.
import type { StageRecord } from './pipeline/stage.ts';

/** Where in a file a problem is, for messages and for GitHub annotations. */
export interface Location {
  file: string;
  line?: number;
  endLine?: number;
  title?: string;
}

export class LibkrunfwError extends Error {
  /** Places to annotate (in the action) beside the message. */
  readonly locations: Location[];
  /** The step that failed, set by the route as the error passes through it. */
  stage?: string;
  /** What the run had done when it failed, for the failure summary. */
  stages?: readonly StageRecord[];
  constructor(message: string, locations: Location[] = []) {
    super(message);
    this.name = new.target.name;
    this.locations = locations;
  }
}

/** The input is wrong: the user can fix it. */
export class UserError extends LibkrunfwError {}

/** The machine or a tool failed: retrying or fixing the runner may help. */
export class InfrastructureError extends LibkrunfwError {}

export class InputError extends UserError {}

export class ChecksumError extends UserError {
  constructor(
    readonly file: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`sha256 mismatch for ${file}: expected ${expected}, got ${actual}. ` + 'The tarball is not the one that was pinned; nothing was extracted.', [
      { file, title: 'sha256 mismatch' },
    ]);
  }
}

export class DownloadError extends InfrastructureError {}

export class UnsafeArchiveError extends UserError {
  constructor(
    readonly archive: string,
    readonly entry: string,
    readonly reason: string,
  ) {
    super(`unsafe entry in ${archive}: '${entry}' ${reason}; nothing was kept from this archive.`, [{ file: archive, title: 'unsafe archive entry' }]);
  }
}

export class ArchiveError extends UserError {}

export interface FailedHunk {
  /** The hunk's number within its file, as patch(1) counts them (from 1). */
  hunk: number;
  /** Line in the target file where patch tried it, if it said. */
  targetLine?: number;
  /** Line of the hunk's `@@` header in the patch file. */
  patchLine?: number;
}

export interface FailedFile {
  file: string;
  hunks: FailedHunk[];
  /** Set when the whole file failed, not single hunks (missing file, already applied...). */
  reason?: string;
}

export class PatchError extends UserError {
  constructor(
    readonly patch: string,
    readonly files: FailedFile[],
    detail = '',
  ) {
    const lines = [`patch ${patch} does not apply:`];
    for (const f of files) {
      if (f.reason) lines.push(`  ${f.file}: ${f.reason}`);
      for (const h of f.hunks) {
        const at = [
          h.targetLine !== undefined ? `at line ${h.targetLine} of ${f.file}` : '',
          h.patchLine !== undefined ? `(line ${h.patchLine} of the patch)` : '',
        ]
          .filter(Boolean)
          .join(' ');
        lines.push(`  ${f.file}: hunk #${h.hunk} FAILED ${at}`.trimEnd());
      }
    }
    if (files.length === 0 && detail) lines.push(...detail.split('\n').map((l) => `  ${l}`));
    const locations: Location[] = [];
    for (const f of files) {
      const failed = f.hunks.filter((h) => h.patchLine !== undefined);
      if (failed.length === 0) locations.push({ file: patch, title: `${f.file} does not patch` });
      for (const h of failed) {
        locations.push({ file: patch, line: h.patchLine, title: `${f.file}: hunk #${h.hunk} FAILED` });
      }
    }
    if (locations.length === 0) locations.push({ file: patch, title: 'patch does not apply' });
    super(lines.join('\n'), locations);
  }
}

export interface LostOption {
  option: string;
  requested: string;
  actual: string;
  /** The fragment or config file that asked for it, and the line. */
  from?: Location;
  /** `depends on` lines of the option's Kconfig entry, when found. */
  dependsOn?: string[];
  /**
   * Why it was lost, from the Kconfig: the first condition that held it back (an
   * enclosing `if`/`menu`/`choice` included) and the option or line behind it.
   */
  cause?: string;
}

export class ConfigError extends UserError {}

export class LostConfigOptionsError extends ConfigError {
  constructor(readonly lost: LostOption[]) {
    const lines = [`${lost.length} kernel config option(s) did not keep the value asked for:`];
    for (const o of lost) {
      const where = o.from ? ` (${o.from.file}${o.from.line ? `:${o.from.line}` : ''})` : '';
      lines.push(`  ${o.option}: asked ${o.requested}, got ${o.actual}${where}${o.cause ? ` — ${o.cause}` : ''}`);
      if (!o.cause && o.dependsOn?.length) lines.push(`    depends on ${o.dependsOn.join(' && ')}`);
    }
    lines.push('Set the options they depend on too, or drop them from the config.');
    super(
      lines.join('\n'),
      lost
        .filter((o) => o.from)
        .map((o) => ({ ...o.from!, title: `${o.option} lost: asked ${o.requested}, got ${o.actual}${o.cause ? ` — ${o.cause}` : ''}` })),
    );
  }
}

export class CompileError extends UserError {
  constructor(
    message: string,
    readonly errorLines: string[],
    locations: Location[] = [],
  ) {
    super(message, locations);
  }
}

export class ElfError extends UserError {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file}: ${reason}`, [{ file, title: 'not a usable kernel image' }]);
  }
}

export class LinkError extends InfrastructureError {}

/** The library does not hand out what it must: the inputs made a library libkrun cannot use. */
export class VerifyError extends UserError {
  constructor(
    readonly library: string,
    readonly mismatches: string[],
  ) {
    super(`${library} failed verification:\n${mismatches.map((m) => `  ${m}`).join('\n')}`);
  }
}

/** The kernel built from the inputs did not boot to the test init. */
export class BootError extends UserError {
  constructor(
    message: string,
    readonly console: string,
  ) {
    super(message);
  }
}

/** A source release does not hold what its manifest lists. */
export class SourceReleaseError extends UserError {
  constructor(
    readonly release: string,
    readonly problems: string[],
  ) {
    super(`${release} does not match its manifest:\n${problems.map((p) => `  ${p}`).join('\n')}`, [
      { file: release, title: 'source release does not match its manifest' },
    ]);
  }
}

/** A source release rebuilt to other bytes than the library it names. */
export class NotReproducedError extends UserError {
  constructor(
    readonly release: string,
    readonly differences: string[],
  ) {
    super(`${release} did not rebuild the library it names:\n${differences.map((d) => `  ${d}`).join('\n')}`);
  }
}

/** Uploading an artifact failed. */
export class PublishError extends InfrastructureError {}

/** Something this tool itself got wrong (a broken invariant): a bug to report, not an input to fix. */
export class InternalError extends InfrastructureError {}

export class ToolMissingError extends InfrastructureError {
  constructor(
    readonly tool: string,
    hint: string,
  ) {
    super(`'${tool}' was not found on PATH. ${hint}`);
  }
}

/**
 * The machine refused a file operation: the disk is full, the file system is
 * read-only, the path is not writable or busy, memory ran out. One line naming
 * the condition and the path; the tool's own lines stay in its log.
 */
export class FaultError extends InfrastructureError {
  constructor(
    /** The errno name: ENOSPC, EROFS, EACCES, EPERM, EBUSY, ENOMEM, EDQUOT, EIO. */
    readonly code: string,
    /** The file or directory concerned. */
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

/** Another live run holds the lock on a directory this run needs to itself. */
export class LockedError extends UserError {
  constructor(
    readonly dir: string,
    readonly holder: string,
  ) {
    super(`${dir} is in use by ${holder}; wait for that run to end, or give this run another directory.`);
  }
}

/** An input file that is not a regular file of a sane size (a FIFO, a device, a directory, too big). */
export class InputFileError extends InputError {
  constructor(
    readonly input: string,
    readonly file: string,
    reason: string,
  ) {
    super(`${input}: ${file} ${reason}`, [{ file, title: `${input} refused` }]);
  }
}

const SIGNAL_EXIT: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

/** The run was stopped by SIGINT or SIGTERM: exits 128 + the signal's number, as a shell would report it. */
export class InterruptedError extends LibkrunfwError {
  readonly exitCode: number;
  /** Whether the message names the stage (the route sets `stage` later, on the error as thrown). */
  private readonly named: boolean;
  constructor(
    readonly signal: 'SIGINT' | 'SIGTERM',
    /** The stage that was running, when the caller knows it. */
    stage?: string,
  ) {
    super(`interrupted by ${signal}${stage ? ` during ${stage}` : ''}: every child process was stopped and no output was kept.`);
    this.exitCode = SIGNAL_EXIT[signal]!;
    this.stage = stage;
    this.named = stage !== undefined;
  }

  /** The same interruption, naming the stage it hit (the runner knows it; run() does not). */
  during(stage: string): InterruptedError {
    return this.named ? this : new InterruptedError(this.signal, stage);
  }
}

/** The exit status a door reports for an error: 1 the input, 2 the machine or a tool, 130/143 a signal. */
export function exitCodeOf(error: unknown): number {
  if (error instanceof InterruptedError) return error.exitCode;
  return error instanceof UserError ? 1 : 2;
}

/** A Windows PE file (the DLL) that cannot be read as one. */
export class PeError extends UserError {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file}: ${reason}`, [{ file, title: 'not a usable PE file' }]);
  }
}
