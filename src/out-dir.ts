// What out-dir holds: the files of the last successful run, or none of ours.
// Every file a run writes there is recorded as it is written (in a small list
// beside them), so the next run, a refused one included, removes exactly those
// before anything else, and a run that fails removes its own. Files in out-dir
// that we did not write are never touched.
import { appendFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const RECORD = '.libkrunfw-action-files';

/** Remove what an earlier run (or this one, after it failed) wrote to out-dir. Returns the names removed. */
export function clearOutputs(outDir: string): string[] {
  const record = path.join(outDir, RECORD);
  if (!existsSync(record)) return [];
  // Names only: a record cannot make us delete outside out-dir.
  const names = [
    ...new Set(
      readFileSync(record, 'utf8')
        .split('\n')
        .map((l) => path.basename(l.trim()))
        .filter((n) => n && n !== '.' && n !== '..'),
    ),
  ];
  for (const n of names) {
    rmSync(path.join(outDir, n), { force: true });
    rmSync(path.join(outDir, `${n}.partial`), { force: true });
  }
  rmSync(record, { force: true });
  return names.filter((n) => n !== RECORD);
}

/** Note files just written to out-dir (those of `files` that are in it). */
export function recordOutputs(outDir: string, files: string[]): void {
  const ours = files.filter((f) => path.dirname(path.resolve(f)) === path.resolve(outDir)).map((f) => path.basename(f));
  if (ours.length > 0) appendFileSync(path.join(outDir, RECORD), ours.map((n) => `${n}\n`).join(''));
}
