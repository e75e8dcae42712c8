// The action's post step: clean up after main, even when main failed or was
// cancelled. It never fails the job.
import { existsSync, rmSync } from 'node:fs';
import * as core from '@actions/core';
import { getState, State } from './state.ts';

export function post(): void {
  try {
    const workDir = getState(State.WorkDir);
    if (!workDir) return core.info('main did not start a build; nothing to clean up');
    if (getState(State.KeepWorkDir) === 'true') return core.info(`keeping ${workDir} (keep-work-dir)`);
    if (existsSync(workDir)) {
      rmSync(workDir, { recursive: true, force: true });
      core.info(`removed ${workDir}`);
    }
  } catch (e) {
    core.warning(`post: ${(e as Error).message}`);
  }
}

post();
