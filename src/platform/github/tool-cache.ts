// On self-hosted runners the tool cache (RUNNER_TOOL_CACHE) outlives the job, so
// kernel tarballs kept there survive without a trip to the cache service. Keyed
// by sha256 as a semver prerelease, since the tool cache indexes by version.
import path from 'node:path';
import * as tc from '@actions/tool-cache';
import type { TarballShelf } from '../types.ts';

const TOOL = 'libkrunfw-kernel-source';
const version = (sha256: string): string => `0.0.0-${sha256}`;

export function toolCacheShelf(): TarballShelf {
  return {
    find(sha256, fileName) {
      const dir = tc.find(TOOL, version(sha256));
      return dir ? path.join(dir, fileName) : undefined;
    },
    async keep(file, sha256) {
      await tc.cacheFile(file, path.basename(file), TOOL, version(sha256));
    },
  };
}

/** Whether this runner keeps its tool cache between jobs. */
export function toolCachePersists(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.RUNNER_ENVIRONMENT === 'self-hosted' && Boolean(env.RUNNER_TOOL_CACHE);
}
