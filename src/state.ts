// What main hands to post, through core.saveState: the run's record (finish.ts).
// Saved as soon as the request is resolved and again when main ends, so post
// finds it even when main failed or was cancelled halfway.
import * as core from '@actions/core';
import type { RunRecord } from './finish.ts';

export const State = {
  /** JSON of the RunRecord. */
  Run: 'run',
} as const;

export function saveRunRecord(record: RunRecord): void {
  core.saveState(State.Run, JSON.stringify(record));
}

/** The record main saved; undefined when main never got that far. */
export function readRunRecord(): RunRecord | undefined {
  const text = core.getState(State.Run);
  return text ? (JSON.parse(text) as RunRecord) : undefined;
}
