// The check report: what check mode found, as one object for the renderers and
// as check-report.json for machines. Every field is documented here; the file
// is this object as JSON (two-space indented), and `format` changes only when a
// field changes meaning or goes away.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Arch } from '../target.ts';
import type { ConfigCheck } from './config-check.ts';
import type { PatchResult, PatchVerdict } from './patch-trial.ts';

export const CHECK_REPORT_FILE = 'check-report.json';

export interface CheckReport {
  /** 1. */
  format: 1;
  /**
   * True when every patch applies (cleanly or with offsets) and every option asked
   * for landed: check mode exits 0. A patch already in the kernel is not passing:
   * the series as it is would not build.
   */
  passed: boolean;
  kernel: {
    /** From the tree's Makefile, e.g. 6.12.117. */
    version?: string;
    /** The tree checked (absolute). */
    tree: string;
  };
  arch: Arch;
  /**
   * Every patch of the series in order. Each has `name`, `patch` (its path),
   * `index` (from 1), `result` (applies | offset | already-in | partly-in | fails),
   * `applied`, `moved` (hunks that applied away from their line: file, hunk,
   * patchLine, line, offset), `inKernel` (hunks that reverse-apply: file, hunk,
   * patchLine), `failed` (per file: `reason` for a whole file, `hunks` with hunk,
   * patchLine, triedAt and `nearest`: line, matching, of, expected {patchLine,
   * text}, found {line, text}), `fatal` (patch could not read it), `triedWithout`
   * (earlier patches left out), `likelyNeeds` (those of them that change a file it
   * fails on) and `files` (the files it changes).
   */
  patches: PatchVerdict[];
  /** How many patches got each result. */
  counts: Record<PatchResult, number>;
  /**
   * The config, when one was checked: `mode`, `files`, `dotConfig`, `requested`
   * and `kept` (counts), `verdicts` (each option that did not land: option,
   * requested, actual ('absent' when kconfig wrote no line), from {file, line},
   * status (lost | vanished), cause (one line), why (the structured explanation:
   * causes with kind, at {file, line}, condition, value, and the responsible
   * options with their value and origin, which may hold a further `why`),
   * dependsOn, addedBy {patch, name, file}, renames [{option, at, prompt, basis}]),
   * and `kconfig` (files and symbols read, ms, problems) when the Kconfig was read.
   */
  config?: ConfigCheck;
  /** Wall-clock milliseconds of each part, for the log; nothing depends on them. */
  timings: { patchesMs: number; configMs?: number };
}

export const PATCH_RESULTS: PatchResult[] = ['applies', 'offset', 'already-in', 'partly-in', 'fails'];

export function buildReport(parts: {
  tree: string;
  arch: Arch;
  kernelVersion?: string;
  patches: PatchVerdict[];
  config?: ConfigCheck;
  timings: CheckReport['timings'];
}): CheckReport {
  const counts = Object.fromEntries(PATCH_RESULTS.map((r) => [r, parts.patches.filter((p) => p.result === r).length])) as Record<PatchResult, number>;
  const patchesPass = parts.patches.every((p) => p.result === 'applies' || p.result === 'offset');
  const configPasses = !parts.config || parts.config.verdicts.every((v) => v.derived);
  return {
    format: 1,
    passed: patchesPass && configPasses,
    kernel: { version: parts.kernelVersion, tree: parts.tree },
    arch: parts.arch,
    patches: parts.patches,
    counts,
    config: parts.config,
    timings: parts.timings,
  };
}

/** Writes check-report.json into `dir` (whole, then renamed) and returns its path. */
export function writeCheckReport(report: CheckReport, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, CHECK_REPORT_FILE);
  writeFileSync(`${file}.partial`, `${JSON.stringify(report, null, 2)}\n`);
  renameSync(`${file}.partial`, file);
  return file;
}
