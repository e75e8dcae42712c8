// source: get the kernel tarball, prove it is the pinned one, extract it safely.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { extractTarball } from '../../archive/index.ts';
import { ArchiveError, ChecksumError, DownloadError, LibkrunfwError } from '../../errors.ts';
import type { KernelSource } from '../../request/build-request.ts';
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
  /** False: only get and verify the tarball (an output cache hit needs it for the source release). */
  extract?: boolean;
  /**
   * Offers a tree already extracted from the tarball with this sha256 (the tree
   * cache), in place of extracting; undefined means extract.
   */
  reuse?: (sha256: string, srcDir: string) => Promise<{ tree: string; reversed: number } | undefined>;
}

export interface SourceOutput {
  /** The tarball as obtained (same bytes as published). */
  tarball: string;
  sha256: string;
  /** True when the sha256 was checked against a pinned value. */
  pinned: boolean;
  /** Root of the extracted kernel tree; undefined when not extracted. */
  tree?: string;
  /** From the tree's Makefile, e.g. 6.12.87; undefined when not extracted. */
  kernelVersion?: string;
}

/** VERSION.PATCHLEVEL.SUBLEVEL[EXTRAVERSION] from a kernel Makefile. */
export function kernelVersionOf(tree: string): string {
  let makefile: string;
  try {
    makefile = readFileSync(path.join(tree, 'Makefile'), 'utf8').slice(0, 4096);
  } catch {
    throw new ArchiveError(`${tree} has no Makefile: the tarball is not a Linux kernel source tree`);
  }
  const field = (name: string): string | undefined =>
    new RegExp(`^${name}\\s*=[ \\t]*(\\S*)[ \\t]*$`, 'm').exec(makefile)?.[1];
  const [v, p, s] = [field('VERSION'), field('PATCHLEVEL'), field('SUBLEVEL')];
  if (!v || !p || s === undefined) {
    throw new ArchiveError(`${tree}/Makefile has no VERSION/PATCHLEVEL/SUBLEVEL: not a Linux kernel source tree`);
  }
  return `${v}.${p}${s ? `.${s}` : ''}${field('EXTRAVERSION') ?? ''}`;
}

export const sourceStage: Stage<SourceInput, SourceOutput> = {
  name: 'source',
  title: 'get, verify and extract the kernel source',
  async run(input, ctx) {
    const { log, platform } = ctx;
    let tarball: string;
    if (input.source.kind === 'url') {
      tarball =
        input.downloadTo ?? path.join(ctx.workDir, 'download', path.basename(new URL(input.source.url).pathname) || 'linux.tar');
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
      log.warning(
        `${tarball} is not pinned: its sha256 is ${actual}. Set kernel-sha256 to that value to make sure later runs build the same source.`,
        { file: tarball, title: 'kernel source not pinned' },
      );
    }

    if (input.extract === false) return { tarball, sha256: actual, pinned: Boolean(input.sha256) };
    const dest = path.join(ctx.workDir, 'src');
    const reused = await input.reuse?.(actual, dest);
    let root: string;
    if (reused) {
      root = reused.tree;
      log.info(`reusing the kernel tree of the last build of this tarball (${reused.reversed} patch(es) reversed): not extracting`);
    } else {
      rmSync(dest, { recursive: true, force: true });
      const started = performance.now();
      const extracted = await extractTarball(tarball, dest);
      log.info(
        `extracted ${extracted.entries} entries (${(extracted.bytes / 2 ** 20).toFixed(0)} MiB) in ${((performance.now() - started) / 1000).toFixed(1)}s`,
      );
      root = extracted.root;
    }
    const kernelVersion = kernelVersionOf(root);
    if (input.source.kind === 'url' && input.source.version && input.source.version !== kernelVersion) {
      throw new ArchiveError(
        `${tarball} holds kernel ${kernelVersion}, but kernel-version ${input.source.version} was asked for`,
      );
    }
    return { tarball, sha256: actual, pinned: Boolean(input.sha256), tree: root, kernelVersion };
  },
  produces: (o) => [o.tarball, ...(o.tree ? [path.join(o.tree, 'Makefile')] : [])],
  summary: (o) => (o.tree ? `linux ${o.kernelVersion}, ` : 'tarball verified, not extracted; ') + `sha256 ${o.sha256.slice(0, 16)}…`,
};
