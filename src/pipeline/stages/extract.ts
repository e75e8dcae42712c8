// extract: unpack the verified kernel tarball, every entry checked before tar
// sees it (src/archive/), and read what the tree says about itself.
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { extractTarball } from '../../archive/index.ts';
import { ArchiveError } from '../../errors.ts';
import type { Stage } from '../stage.ts';

export interface ExtractInput {
  tarball: string;
  /** The kernel version asked for, when a kernel.org release was: the tree must be that one. */
  expectVersion?: string;
}

/** A kernel source tree and the facts later stages take from it. */
export interface KernelTree {
  /** The tree's root directory. */
  tree: string;
  /** From its Makefile, e.g. 6.12.87. */
  kernelVersion: string;
  /** The licence texts the source release carries (the kernel's own LICENSES/preferred/). */
  licenses: { gpl: string; lgpl: string };
}

/** VERSION.PATCHLEVEL.SUBLEVEL[EXTRAVERSION] from a kernel Makefile. */
export function kernelVersionOf(tree: string): string {
  let makefile: string;
  try {
    makefile = readFileSync(path.join(tree, 'Makefile'), 'utf8').slice(0, 4096);
  } catch {
    throw new ArchiveError(`${tree} has no Makefile: the tarball is not a Linux kernel source tree`);
  }
  const field = (name: string): string | undefined => new RegExp(`^${name}\\s*=[ \\t]*(\\S*)[ \\t]*$`, 'm').exec(makefile)?.[1];
  const [v, p, s] = [field('VERSION'), field('PATCHLEVEL'), field('SUBLEVEL')];
  if (!v || !p || s === undefined) {
    throw new ArchiveError(`${tree}/Makefile has no VERSION/PATCHLEVEL/SUBLEVEL: not a Linux kernel source tree`);
  }
  return `${v}.${p}${s ? `.${s}` : ''}${field('EXTRAVERSION') ?? ''}`;
}

/** The facts of a tree at `root`, extracted now or taken from the tree cache. */
export function kernelTree(root: string): KernelTree {
  const preferred = path.join(root, 'LICENSES', 'preferred');
  return { tree: root, kernelVersion: kernelVersionOf(root), licenses: { gpl: path.join(preferred, 'GPL-2.0'), lgpl: path.join(preferred, 'LGPL-2.1') } };
}

export const extractStage: Stage<ExtractInput, KernelTree> = {
  name: 'extract',
  title: 'unpack the kernel source safely',
  async run(input, ctx) {
    const dest = path.join(ctx.workDir, 'src');
    rmSync(dest, { recursive: true, force: true });
    const started = performance.now();
    const extracted = await extractTarball(input.tarball, dest);
    ctx.log.info(
      `extracted ${extracted.entries} entries (${(extracted.bytes / 2 ** 20).toFixed(0)} MiB) in ${((performance.now() - started) / 1000).toFixed(1)}s`,
    );
    const tree = kernelTree(extracted.root);
    if (input.expectVersion && input.expectVersion !== tree.kernelVersion) {
      throw new ArchiveError(`${input.tarball} holds kernel ${tree.kernelVersion}, but kernel-version ${input.expectVersion} was asked for`);
    }
    return tree;
  },
  produces: (o) => [path.join(o.tree, 'Makefile')],
  summary: (o) => `linux ${o.kernelVersion}`,
};
