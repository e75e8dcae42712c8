// The work directory: made empty for a run, marked as ours, and removed only
// when the mark says we made it.
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { InputError } from './errors.ts';

/** Marks a work directory as ours, so we only ever delete what we made. */
const WORK_MARK = '.libkrunfw-action-work';

/** Make `dir` an empty work directory, refusing to wipe one we did not make. */
export function prepareWorkDir(dir: string): void {
  if (existsSync(dir) && readdirSync(dir).length > 0 && !existsSync(path.join(dir, WORK_MARK))) {
    throw new InputError(`work-dir ${dir} is not empty and was not made by libkrunfw-action; choose an empty or new directory`);
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, WORK_MARK), '');
}

/** Remove a work directory, if it is ours. */
export function removeWorkDir(dir: string): void {
  if (existsSync(path.join(dir, WORK_MARK))) rmSync(dir, { recursive: true, force: true });
}
