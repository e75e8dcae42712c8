// publish: upload the source release, and only when that succeeded, the binary
// (library, install tarball, SHA256SUMS). A binary is never published without the
// source that rebuilds it; a failed source upload fails the run before it.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PublishError } from '../../errors.ts';
import type { UploadedArtifact } from '../../platform/types.ts';
import { sha256File } from '../../util/hash.ts';
import type { Stage } from '../stage.ts';

export interface PublishInput {
  /** e.g. libkrunfw-5.4.0-generic-x86_64; the source artifact adds -source. */
  name: string;
  outDir: string;
  library: string;
  tarball: string;
  /** More binaries to publish with the library (the macOS bundle on aarch64). */
  extra?: string[];
  sourceRelease: string;
  retentionDays: number;
}

export interface PublishOutput {
  source: UploadedArtifact;
  binary: UploadedArtifact;
  sha256sums: string;
}

/** `sha256  name` lines, as sha256sum -c reads them. */
export async function writeSha256Sums(file: string, files: string[]): Promise<void> {
  const lines = await Promise.all(files.map(async (f) => `${await sha256File(f)}  ${path.basename(f)}\n`));
  writeFileSync(file, lines.join(''));
}

export const publishStage: Stage<PublishInput, PublishOutput> = {
  name: 'publish',
  title: 'upload the source release, then the library',
  async run(input, ctx) {
    const publisher = ctx.platform.publisher;
    if (!publisher) throw new PublishError('this platform cannot upload artifacts');
    const sha256sums = path.join(input.outDir, 'SHA256SUMS');
    const extra = input.extra ?? [];
    await writeSha256Sums(sha256sums, [input.sourceRelease, input.tarball, ...extra, input.library]);
    const opts = { retentionDays: input.retentionDays };
    let source: UploadedArtifact;
    try {
      source = await publisher.upload(`${input.name}-source`, [input.sourceRelease], input.outDir, opts);
    } catch (e) {
      throw new PublishError(`uploading the source release ${input.name}-source failed, so the library was not uploaded either: ${(e as Error).message}`);
    }
    ctx.log.info(`uploaded ${source.name} (id ${source.id}, ${source.digest})`);
    let binary: UploadedArtifact;
    try {
      binary = await publisher.upload(input.name, [input.library, input.tarball, ...extra, sha256sums], input.outDir, opts);
    } catch (e) {
      throw new PublishError(`the source release was uploaded as ${source.name}, but uploading the library ${input.name} failed: ${(e as Error).message}`);
    }
    ctx.log.info(`uploaded ${binary.name} (id ${binary.id}, ${binary.digest})`);
    return { source, binary, sha256sums };
  },
  produces: (o) => [o.sha256sums],
  summary: (o) => `${o.source.name} then ${o.binary.name}`,
};
