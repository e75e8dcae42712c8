// The platform as GitHub Actions provides it: logs and annotations through
// @actions/core, downloads through @actions/tool-cache.
import os from 'node:os';
import path from 'node:path';
import * as core from '@actions/core';
import * as tc from '@actions/tool-cache';
import { DefaultArtifactClient } from '@actions/artifact';
import type { Location } from '../../errors.ts';
import { directoryCacheStore } from '../local/cache-store.ts';
import type { Log, Platform } from '../types.ts';
import { githubCacheStore } from './cache-store.ts';
import { toolCacheShelf, toolCachePersists } from './tool-cache.ts';

/** Annotations name files relative to the workspace, as GitHub shows them on the diff. */
function annotation(where: Location | undefined): core.AnnotationProperties | undefined {
  if (!where) return undefined;
  const workspace = process.env.GITHUB_WORKSPACE;
  const rel = workspace ? path.relative(workspace, where.file) : where.file;
  return {
    file: rel.startsWith('..') ? where.file : rel,
    startLine: where.line,
    endLine: where.endLine,
    title: where.title,
  };
}

export const githubLog: Log = {
  info: (m) => core.info(m),
  debug: (m) => core.debug(m),
  notice: (m, w) => core.notice(m, annotation(w)),
  warning: (m, w) => core.warning(m, annotation(w)),
  error: (m, w) => core.error(m, annotation(w)),
  group: (title, fn) => core.group(title, fn),
};

export function githubPlatform(): Platform {
  return {
    log: githubLog,
    downloader: { download: (url, dest) => tc.downloadTool(url, dest) },
    tempDir: process.env.RUNNER_TEMP || os.tmpdir(),
    cacheStore: (dir) => (dir ? directoryCacheStore(dir, githubLog) : githubCacheStore(githubLog)),
    tarballShelf: toolCachePersists() ? toolCacheShelf() : undefined,
    publisher: {
      async upload(name, files, rootDirectory, { retentionDays }) {
        const r = await new DefaultArtifactClient().uploadArtifact(name, files, rootDirectory, { retentionDays });
        if (r.id === undefined) throw new Error(`the artifact service returned no id for ${name}`);
        return { name, id: r.id, digest: r.digest ?? '', size: r.size ?? 0 };
      },
    },
  };
}
