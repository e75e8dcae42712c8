// What GNU patch (LC_ALL=C) said about one run over a patch file: per file, the
// hunks that failed and where it tried them, the hunks that applied away from
// their line and by how much, and why a whole file could not be patched. Offsets
// are taken from patch's own words, never worked out again here.
import type { DiffFile } from './diff.ts';

export interface FileOutcome {
  /** Hunk number → the line of the file where patch tried it. */
  failed: Map<number, number>;
  /** Hunk number → where it applied and how far from where the patch said (in lines; + is later). */
  moved: Map<number, { line: number; offset: number }>;
  /** Set when patch gave up on the whole file. */
  reason?: string;
}

export interface PatchRun {
  files: Map<string, FileOutcome>;
  /** patch gave up on the whole patch file (malformed, garbage). */
  fatal?: string;
}

const unquote = (name: string): string => name.replace(/^'(.*)'$/, '$1').replace(/^"(.*)"$/, '$1');

export function parsePatchRun(output: string, diff: DiffFile[]): PatchRun {
  const files = new Map<string, FileOutcome>();
  const outcome = (file: string): FileOutcome => {
    let o = files.get(file);
    if (!o) files.set(file, (o = { failed: new Map(), moved: new Map() }));
    return o;
  };
  let current: string | undefined;
  let missingAt: number | undefined;
  let fatal: string | undefined;
  let pendingReason: string | undefined;
  for (const line of output.split('\n')) {
    let m: RegExpExecArray | null;
    if ((m = /^(?:checking|patching) file (.+?)(?: \((?:renamed|copied) from .+\))?$/.exec(line))) {
      current = unquote(m[1]!);
      outcome(current);
      if (pendingReason) outcome(current).reason = pendingReason;
      pendingReason = undefined;
    } else if ((m = /^Hunk #(\d+) FAILED at (\d+)/.exec(line)) && current) {
      outcome(current).failed.set(Number(m[1]), Number(m[2]));
    } else if ((m = /^Hunk #(\d+) succeeded at (\d+)(?: with fuzz \d+)?(?: \(offset (-?\d+) lines?\))?/.exec(line)) && current) {
      if (m[3] !== undefined) outcome(current).moved.set(Number(m[1]), { line: Number(m[2]), offset: Number(m[3]) });
    } else if ((m = /^can't find file to patch at input line (\d+)/.exec(line))) {
      missingAt = Number(m[1]);
    } else if (/^No file to patch\. {2}Skipping patch\./.test(line) && missingAt !== undefined) {
      // patch names the input line of the file's first hunk: that tells which file it was.
      const at = missingAt;
      const file = diff.find((f) => f.headerLine <= at && (f.hunks[0]?.headerLine ?? f.headerLine) >= at) ?? diff.find((f) => f.hunks[0]?.headerLine === at);
      outcome(file?.path ?? `(the file at line ${at} of the patch)`).reason = 'the file does not exist in the kernel tree';
      missingAt = undefined;
    } else if ((m = /^The next patch would create the file (.+),$/.exec(line))) {
      pendingReason = `creates ${unquote(m[1]!)}, which already exists`;
    } else if ((m = /^The next patch would delete the file (.+),$/.exec(line))) {
      pendingReason = `deletes ${unquote(m[1]!)}, which does not exist`;
    } else if ((m = /^Not deleting file (.+) as content differs from patch/.exec(line))) {
      outcome(unquote(m[1]!)).reason = 'it would delete the file, but the file differs from what the patch removes';
    } else if ((m = /^File (.+) is not a regular file -- refusing to patch/.exec(line))) {
      outcome(unquote(m[1]!)).reason = 'not a regular file';
    } else if ((m = /^patch: \*\*\*\* (.*)$/.exec(line))) {
      fatal = m[1]!;
    }
  }
  return { files, fatal };
}
