// publish against the real @actions/artifact client and the local results
// service: the source release goes first, and the library never goes without it.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { githubPlatform } from '../src/platform/github/index.ts';
import { PublishError } from '../src/errors.ts';
import { publishStage, type PublishInput } from '../src/pipeline/stages/publish.ts';
import { MemoryLog } from '../src/platform/types.ts';
import { sha256 } from '../src/util/hash.ts';
import { captureActionsLog, compressTimers } from './support/actions-service/index.ts';
import { useActionsService } from './support/actions-service/use.ts';

const service = useActionsService();

let n = 0;
function files(name: string): PublishInput {
  const outDir = path.join(service.workspace, `out-${++n}`);
  mkdirSync(outDir, { recursive: true });
  const f = (file: string, text: string): string => {
    writeFileSync(path.join(outDir, file), text);
    return path.join(outDir, file);
  };
  return {
    name,
    outDir,
    library: f('libkrunfw.so.5.4.0', 'library bytes'),
    tarball: f('libkrunfw-x86_64.tgz', 'tarball bytes'),
    sourceRelease: f('libkrunfw-5.4.0-generic-x86_64-source.tar', 'source bytes'),
    retentionDays: 3,
  };
}

const ctx = (outDir: string) => {
  const log = new MemoryLog();
  return { platform: { ...githubPlatform(), log }, log, workDir: outDir, logFile: path.join(outDir, 'publish.log') };
};

describe('publish', () => {
  it('uploads the source release, then the library with SHA256SUMS', async () => {
    const input = files('libkrunfw-5.4.0-generic-x86_64');
    const out = await publishStage.run(input, ctx(input.outDir));
    const names = service
      .artifacts()
      .filter((a) => a.name.startsWith('libkrunfw-5.4.0-generic-x86_64'))
      .map((a) => `${a.name}:${a.status}`);
    expect(names).toEqual(['libkrunfw-5.4.0-generic-x86_64-source:finalized', 'libkrunfw-5.4.0-generic-x86_64:finalized']);
    expect(out.source.id).toBeGreaterThan(0);
    expect(out.binary.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(service.artifacts().find((a) => a.id === out.binary.id)!.digest).toBe(`sha256:${out.binary.digest}`);
    expect(readFileSync(out.sha256sums, 'utf8')).toBe(
      `${sha256('source bytes')}  libkrunfw-5.4.0-generic-x86_64-source.tar\n${sha256('tarball bytes')}  libkrunfw-x86_64.tgz\n${sha256('library bytes')}  libkrunfw.so.5.4.0\n`,
    );
  }, 60_000);

  it('refuses a duplicate name in the same run, and uploads no second library', async () => {
    const input = files('libkrunfw-dup');
    await publishStage.run(input, ctx(input.outDir));
    const again = files('libkrunfw-dup');
    const err = await publishStage.run(again, ctx(again.outDir)).catch((e) => e);
    expect(err).toBeInstanceOf(PublishError);
    expect((err as Error).message).toMatch(/uploading the source release libkrunfw-dup-source failed, so the library was not uploaded/);
    expect(service.artifacts().filter((a) => a.name === 'libkrunfw-dup')).toHaveLength(1);
  }, 60_000);

  it('does not upload the library when the source upload fails', async () => {
    const input = files('libkrunfw-nosrc');
    service.faults.refuseArtifact(/-source$/);
    const actions = captureActionsLog();
    try {
      const err = await publishStage.run(input, ctx(input.outDir)).catch((e) => e);
      expect(err).toBeInstanceOf(PublishError);
    } finally {
      actions.restore();
      service.faults.clear();
    }
    expect(service.artifacts().filter((a) => a.name.startsWith('libkrunfw-nosrc'))).toEqual([]);
  }, 60_000);

  it('says the source went up and the library did not when the service fails in between', async () => {
    const input = files('libkrunfw-half');
    service.faults.refuseArtifact(/^libkrunfw-half$/);
    const restoreTimers = compressTimers();
    const actions = captureActionsLog();
    try {
      const err = await publishStage.run(input, ctx(input.outDir)).catch((e) => e);
      expect((err as Error).message).toMatch(/source release was uploaded as libkrunfw-half-source, but uploading the library libkrunfw-half failed/);
    } finally {
      actions.restore();
      restoreTimers();
      service.faults.clear();
    }
    expect(
      service
        .artifacts()
        .filter((a) => a.name.startsWith('libkrunfw-half'))
        .map((a) => a.name),
    ).toEqual(['libkrunfw-half-source']);
  }, 60_000);
});
