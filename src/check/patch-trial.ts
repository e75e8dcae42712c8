// Tries every patch of a series, in order, against the tree with the patches
// before it that applied (issue 14.2). Each is dry-run forward with GNU patch,
// --fuzz=0 and --force (never --batch: it reverse-applies what looks reversed;
// never --forward: it silently skips it); one that applies is applied for real.
// One that does not is dry-run reversed, hunk by hunk: what reverse-applies is
// already in this kernel. Failed hunks are placed in the file as it is now.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { InfrastructureError } from '../errors.ts';
import { run } from '../util/run.ts';
import { parseDiff, type DiffFile } from './diff.ts';
import { lineIndex, locateHunk, type HunkPlace } from './hunk-locate.ts';
import { parsePatchRun, type PatchRun } from './patch-output.ts';

export type PatchResult = 'applies' | 'offset' | 'already-in' | 'partly-in' | 'fails';

export interface HunkRef {
  file: string;
  hunk: number;
  /** Line of the hunk's `@@` header in the patch file. */
  patchLine: number;
}

export interface MovedHunk extends HunkRef {
  /** Where it applied in the file, and how many lines from where the patch said (+ later, − earlier). */
  line: number;
  offset: number;
}

export interface FailedHunkDetail extends HunkRef {
  /** The line of the file where patch tried it. */
  triedAt?: number;
  /** Where its expected text stands now, best match; absent when none of it is left. */
  nearest?: HunkPlace;
}

export interface FailedFileDetail {
  file: string;
  /** Set when the whole file failed (missing, already exists…). */
  reason?: string;
  hunks: FailedHunkDetail[];
}

export interface PatchVerdict {
  /** Absolute path of the patch file. */
  patch: string;
  name: string;
  /** Place in the series, from 1. */
  index: number;
  result: PatchResult;
  /** Whether the tree now has it (applies and offset only). */
  applied: boolean;
  /** Hunks that applied away from their line. */
  moved: MovedHunk[];
  /** Hunks already in this kernel (every hunk for already-in). */
  inKernel: HunkRef[];
  /** What does not apply: files and hunks (fails and partly-in). */
  failed: FailedFileDetail[];
  /** patch gave up on the patch file itself (malformed). */
  fatal?: string;
  /** Earlier patches of the series left out (they fail or are partly in): this one was tried without them. */
  triedWithout: string[];
  /** Of those, the ones that change a file this one fails on: it likely depends on them. */
  likelyNeeds: string[];
  /** Files the patch changes. */
  files: string[];
}

export interface TrySeriesOptions {
  /** Where patch's output goes, for the log. */
  logFile?: string;
  /** Called after each patch, for progress in the log. */
  onVerdict?: (v: PatchVerdict) => void;
}

const patchArgs = (tree: string, file: string): string[] => ['-p1', '--force', '--fuzz=0', '--no-backup-if-mismatch', '-r', '-', '-d', tree, '-i', file];

async function patchRun(
  tree: string,
  file: string,
  extra: string[],
  diff: DiffFile[],
  logFile?: string,
): Promise<{ ok: boolean; run: PatchRun; output: string }> {
  const r = await run('patch', [...extra, ...patchArgs(tree, file)], { env: { LC_ALL: 'C' }, logFile, tail: 5000 });
  if (r.exitCode > 1 && !r.tail.some((l) => l.startsWith('patch: ****'))) {
    throw new InfrastructureError(`patch ${extra.join(' ')} on ${file} failed (exit ${r.exitCode}):\n${r.tail.slice(-20).join('\n')}`);
  }
  const output = r.tail.join('\n');
  return { ok: r.exitCode === 0, run: parsePatchRun(output, diff), output };
}

/** Where each failed hunk stands in the file now. */
function placeFailedHunks(tree: string, failed: FailedFileDetail[], diff: DiffFile[]): void {
  for (const f of failed) {
    if (f.reason || f.hunks.length === 0) continue;
    let lines: string[];
    try {
      lines = readFileSync(path.join(tree, f.file), 'utf8').split('\n');
    } catch {
      continue;
    }
    const index = lineIndex(lines);
    const file = diff.find((d) => d.path === f.file);
    for (const h of f.hunks) {
      const hunk = file?.hunks.find((x) => x.number === h.hunk);
      if (!hunk) continue;
      const place = locateHunk(hunk, lines, h.triedAt ?? hunk.oldStart, index);
      if (place) h.nearest = place;
    }
  }
}

function ref(diff: DiffFile[], file: string, hunk: number): HunkRef {
  const h = diff.find((d) => d.path === file)?.hunks.find((x) => x.number === hunk);
  return { file, hunk, patchLine: h?.headerLine ?? 0 };
}

/** One patch against the tree as it is: a verdict, and the patch applied when it applies. */
export async function tryPatch(
  tree: string,
  patch: string,
  index: number,
  options: TrySeriesOptions = {},
): Promise<Omit<PatchVerdict, 'triedWithout' | 'likelyNeeds'>> {
  const text = readFileSync(patch, 'utf8');
  const diff = parseDiff(text);
  const base = { patch, name: path.basename(patch), index, files: [...new Set(diff.map((d) => d.path))] };
  const forward = await patchRun(tree, patch, ['--dry-run'], diff, options.logFile);
  const moved = (r: PatchRun): MovedHunk[] =>
    [...r.files].flatMap(([file, o]) => [...o.moved].map(([hunk, m]) => ({ ...ref(diff, file, hunk), line: m.line, offset: m.offset })));
  if (forward.ok) {
    const real = await patchRun(tree, patch, [], diff, options.logFile);
    if (!real.ok) throw new InfrastructureError(`${patch} applied in a dry run but not for real:\n${real.output}`);
    const m = moved(forward.run);
    return { ...base, result: m.length > 0 ? 'offset' : 'applies', applied: true, moved: m, inKernel: [], failed: [] };
  }
  if (forward.run.fatal) {
    return { ...base, result: 'fails', applied: false, moved: [], inKernel: [], failed: [], fatal: forward.run.fatal };
  }
  const reverse = await patchRun(tree, patch, ['--dry-run', '-R'], diff, options.logFile);
  if (reverse.ok) {
    const inKernel = diff.flatMap((d) => d.hunks.map((h) => ({ file: d.path, hunk: h.number, patchLine: h.headerLine })));
    return { ...base, result: 'already-in', applied: false, moved: [], inKernel, failed: [] };
  }
  // Hunk by hunk: failed forward but reverse-applies = in this kernel; failed both ways = fails.
  const inKernel: HunkRef[] = [];
  const failed: FailedFileDetail[] = [];
  for (const [file, fwd] of forward.run.files) {
    const rev = reverse.run.files.get(file);
    const detail: FailedFileDetail = { file, hunks: [] };
    if (fwd.reason) {
      // A whole file that does not patch forward is in the kernel only if it reverse-patches whole.
      if (rev && !rev.reason && rev.failed.size === 0) {
        for (const h of diff.find((d) => d.path === file)?.hunks ?? []) inKernel.push(ref(diff, file, h.number));
      } else detail.reason = fwd.reason;
    }
    for (const [hunk, triedAt] of fwd.failed) {
      const reversed = rev !== undefined && !rev.reason && !rev.failed.has(hunk);
      if (reversed) inKernel.push(ref(diff, file, hunk));
      else detail.hunks.push({ ...ref(diff, file, hunk), triedAt });
    }
    if (detail.reason || detail.hunks.length > 0) failed.push(detail);
  }
  placeFailedHunks(tree, failed, diff);
  return { ...base, result: inKernel.length > 0 ? 'partly-in' : 'fails', applied: false, moved: moved(forward.run), inKernel, failed };
}

/**
 * Tries every patch in series order (issue 14.2). Patches that apply are applied,
 * so later ones see them; those that fail or are only partly in are left out, and
 * every later verdict names them. The tree is left with the applied patches on.
 */
export async function trySeries(tree: string, patches: string[], options: TrySeriesOptions = {}): Promise<PatchVerdict[]> {
  const verdicts: PatchVerdict[] = [];
  const leftOut: PatchVerdict[] = [];
  for (const [i, patch] of patches.entries()) {
    const v = await tryPatch(tree, patch, i + 1, options);
    const failedFiles = new Set(v.failed.map((f) => f.file));
    const verdict: PatchVerdict = {
      ...v,
      triedWithout: leftOut.map((l) => l.name),
      likelyNeeds: leftOut.filter((l) => l.files.some((f) => failedFiles.has(f))).map((l) => l.name),
    };
    verdicts.push(verdict);
    if (verdict.result === 'fails' || verdict.result === 'partly-in') leftOut.push(verdict);
    options.onVerdict?.(verdict);
  }
  return verdicts;
}

/** Takes the applied patches off again, last first: the tree as it was before trySeries. */
export async function revertApplied(tree: string, verdicts: PatchVerdict[], logFile?: string): Promise<void> {
  for (const v of [...verdicts].reverse()) {
    if (!v.applied) continue;
    const r = await run('patch', ['-R', '--silent', ...patchArgs(tree, v.patch)], { env: { LC_ALL: 'C' }, logFile });
    if (r.exitCode !== 0) throw new InfrastructureError(`could not take ${v.name} off ${tree} again:\n${r.tail.slice(-20).join('\n')}`);
  }
}
