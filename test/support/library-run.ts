// The run doors, for tests that expect a library back (not a check's verdict).
import { libraryResult, type BuildResult } from '../../src/result.ts';
import { executeRequest, runRequest } from '../../src/run.ts';

export async function runLibrary(...args: Parameters<typeof runRequest>): Promise<BuildResult> {
  return libraryResult(await runRequest(...args));
}

export async function executeLibrary(...args: Parameters<typeof executeRequest>): Promise<BuildResult> {
  return libraryResult(await executeRequest(...args));
}
