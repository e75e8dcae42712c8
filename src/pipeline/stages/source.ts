// source: get the kernel tarball and prove it is the pinned one (extract.ts unpacks it).
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ChecksumError, DownloadError, LibkrunfwError } from '../../errors.ts';
import type { KernelSource } from '../../request/types.ts';
import { sha256File } from '../../util/hash.ts';
import type { Stage } from '../stage.ts';

export interface SourceInput {
  source: KernelSource;
  sha256?: string;
  /**
   * Where a URL's tarball is kept. When a file is already there (restored from a
   * cache) it is used without touching the network; its sha256 is checked all the same.
   */
  downloadTo?: string;
}

export interface SourceOutput {
  /** The tarball as obtained (same bytes as published). */
  tarball: string;
  sha256: string;
  /** True when the sha256 was checked against a pinned value. */
  pinned: boolean;
}

export const sourceStage: Stage<SourceInput, SourceOutput> = {
  name: 'source',
  title: 'get and verify the kernel tarball',
  async run(input, ctx) {
    const { log, platform } = ctx;
    let tarball: string;
    if (input.source.kind === 'url') {
      tarball = input.downloadTo ?? path.join(ctx.workDir, 'download', path.basename(new URL(input.source.url).pathname) || 'linux.tar');
      mkdirSync(path.dirname(tarball), { recursive: true });
      if (existsSync(tarball)) {
        log.info(`using ${tarball} (from the cache), not downloading ${input.source.url}`);
      } else {
        log.info(`downloading ${input.source.url}`);
        try {
          await platform.downloader.download(input.source.url, tarball);
        } catch (e) {
          rmSync(tarball, { force: true });
          if (e instanceof LibkrunfwError) throw e;
          throw new DownloadError(`could not download ${input.source.url}: ${(e as Error).message}`);
        }
      }
    } else {
      tarball = input.source.path;
    }

    const actual = await sha256File(tarball);
    if (input.sha256 && actual !== input.sha256) {
      if (input.source.kind === 'url') rmSync(tarball, { force: true });
      throw new ChecksumError(input.source.kind === 'url' ? input.source.url : tarball, input.sha256, actual);
    }
    if (input.sha256) {
      log.info(`sha256 ${actual} matches the pinned value`);
    } else {
      log.warning(`${tarball} is not pinned: its sha256 is ${actual}. Set kernel-sha256 to that value to make sure later runs build the same source.`, {
        file: tarball,
        title: 'kernel source not pinned',
      });
    }
    return { tarball, sha256: actual, pinned: Boolean(input.sha256) };
  },
  produces: (o) => [o.tarball],
  summary: (o) => `sha256 ${o.sha256.slice(0, 16)}… ${o.pinned ? '(pinned)' : '(not pinned)'}`,
};
