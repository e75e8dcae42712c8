// The platform as GitHub Actions provides it: logs and annotations through
// @actions/core, downloads through @actions/tool-cache.
import { realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as core from '@actions/core';
import * as tc from '@actions/tool-cache';
import { DefaultArtifactClient } from '@actions/artifact';
import { LibkrunfwError, type Location } from '../../errors.ts';
import { directoryCacheStore } from '../local/cache-store.ts';
import type { Log, Platform } from '../types.ts';
import { githubCacheStore } from './cache-store.ts';
import { toolCacheShelf, toolCachePersists } from './tool-cache.ts';

/** `file` relative to the workspace, or undefined when it lies outside (GitHub places no annotation there). */
function inWorkspace(file: string): string | undefined {
  const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
  const inside = (rel: string): boolean => rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
  const rel = path.relative(workspace, path.resolve(workspace, file));
  if (inside(rel)) return rel;
  // A workspace reached through a symlink (/tmp on some runners) still holds the file.
  try {
    const real = path.relative(realpathSync(workspace), realpathSync(file));
    return inside(real) ? real : undefined;
  } catch {
    return undefined;
  }
}

/** Annotation properties: titled, and placed on the file and line when the file is in the workspace. */
export function annotationOf(where: Location | undefined, title = where?.title): core.AnnotationProperties {
  const props: core.AnnotationProperties = title ? { title } : {};
  const file = where && inWorkspace(where.file);
  if (file) {
    props.file = file;
    if (where.line !== undefined) props.startLine = where.line;
    if (where.line !== undefined && where.endLine !== undefined) props.endLine = where.endLine;
  }
  return props;
}

/**
 * The one annotation a failed run shows: the error's whole message, titled with
 * its class, on its first place. The message already names every place; the
 * job summary lists them.
 */
export function annotateFailure(error: unknown): void {
  if (error instanceof LibkrunfwError) {
    const [first, ...more] = error.locations;
    const title = `${error.name}${first?.title ? `: ${first.title}` : ''}${more.length > 0 ? ` (and ${more.length} more)` : ''}`;
    core.error(error.message, annotationOf(first, title));
    return;
  }
  const e = error instanceof Error ? error : new Error(String(error));
  core.error(`${e.name}: ${e.message}`, { title: 'unexpected failure (a bug: please report it with this log)' });
  if (e.stack) core.info(e.stack);
}

export const githubLog: Log = {
  info: (m) => core.info(m),
  debug: (m) => core.debug(m),
  notice: (m, w) => core.notice(m, annotationOf(w)),
  warning: (m, w) => core.warning(m, annotationOf(w)),
  error: (m, w) => core.error(m, annotationOf(w)),
  group: (title, fn) => core.group(title, fn),
};

export function githubPlatform(): Platform {
  return {
    log: githubLog,
    downloader: { download: (url, dest) => tc.downloadTool(url, dest) },
    tempDir: process.env.RUNNER_TEMP || os.tmpdir(),
    cacheStore: (dir) => (dir ? directoryCacheStore(dir, githubLog) : githubCacheStore(githubLog)),
    tarballShelf: toolCachePersists() ? toolCacheShelf() : undefined,
    // The runner's worker starts every step of the job, main and post among them.
    jobProcess: process.ppid,
    publisher: {
      async upload(name, files, rootDirectory, { retentionDays }) {
        const r = await new DefaultArtifactClient().uploadArtifact(name, files, rootDirectory, { retentionDays });
        if (r.id === undefined) throw new Error(`the artifact service returned no id for ${name}`);
        return { name, id: r.id, digest: r.digest ?? '', size: r.size ?? 0 };
      },
    },
  };
}
