// What main hands to post, through core.saveState. Saved early, so post still
// finds it when main fails halfway.
import * as core from '@actions/core';

export const State = {
  WorkDir: 'work-dir',
  KeepWorkDir: 'keep-work-dir',
  CacheDir: 'cache-dir',
  /** JSON list of the cache entries a successful build leaves to save. */
  PendingSaves: 'pending-saves',
  Finished: 'finished',
} as const;

export type StateKey = (typeof State)[keyof typeof State];

export const saveState = (key: StateKey, value: string): void => core.saveState(key, value);
export const getState = (key: StateKey): string => core.getState(key);
