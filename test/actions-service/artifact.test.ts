// The real @actions/artifact client (artifacts v4) against the stand-in.
import { mkdtemp } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { DefaultArtifactClient } from '@actions/artifact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DUPLICATE_ARTIFACT_MESSAGE, captureActionsLog, compressTimers, withActionsEnv, type ActionsLog } from '../support/actions-service/index.ts';
import { useActionsService } from '../support/actions-service/use.ts';
import { readTree, sampleTree, treeDifferences, writeTree } from '../support/actions-service/files.ts';

const service = useActionsService();

let log: ActionsLog;
const client = new DefaultArtifactClient();

beforeEach(() => {
  log = captureActionsLog();
});

afterEach(() => {
  log.restore();
});

async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(service.workspace, `${prefix}-`));
}

async function upload(name: string, seed = name): Promise<{ id: number | undefined; dir: string; tree: ReturnType<typeof sampleTree> }> {
  const dir = await tempDir('upload');
  const tree = sampleTree(seed, 2048);
  const files = await writeTree(dir, tree);
  const result = await client.uploadArtifact(name, files, dir);
  return { id: result.id, dir, tree };
}

describe('@actions/artifact against the stand-in', () => {
  it('uploads, lists and downloads an artifact byte for byte', async () => {
    const dir = await tempDir('round-trip');
    const tree = sampleTree('round-trip');
    const files = await writeTree(dir, tree);

    const uploaded = await client.uploadArtifact('round-trip', files, dir, { retentionDays: 3 });
    expect(uploaded.id).toBeGreaterThan(0);
    expect(uploaded.size).toBeGreaterThan(0);
    expect(uploaded.digest).toMatch(/^[0-9a-f]{64}$/);
    const record = service.artifacts().find((a) => a.id === uploaded.id);
    expect(record).toMatchObject({
      name: 'round-trip',
      status: 'finalized',
      runId: service.runId,
      jobId: service.jobId,
      size: uploaded.size,
      digest: `sha256:${uploaded.digest}`,
      mimeType: 'application/zip',
    });
    expect(record?.expiresAt?.getTime()).toBeGreaterThan(Date.now() + 2 * 86_400_000);

    const { artifacts } = await client.listArtifacts();
    const listed = artifacts.find((a) => a.name === 'round-trip');
    expect(listed).toMatchObject({ id: uploaded.id, size: uploaded.size, digest: `sha256:${uploaded.digest}` });
    expect(listed?.createdAt).toBeInstanceOf(Date);

    const { artifact } = await client.getArtifact('round-trip');
    expect(artifact.id).toBe(uploaded.id);

    const target = await tempDir('download');
    const downloaded = await client.downloadArtifact(uploaded.id ?? 0, {
      path: target,
      expectedHash: `sha256:${uploaded.digest}`,
    });
    expect(downloaded).toEqual({ downloadPath: target, digestMismatch: false });
    expect(treeDifferences(tree, await readTree(target))).toEqual([]);
  });

  it('round-trips a single file uploaded without an archive', async () => {
    const dir = await tempDir('raw');
    const [file] = await writeTree(dir, { 'report data.json': Buffer.from('{"ok":true}\n') });
    const uploaded = await client.uploadArtifact('ignored', [file ?? ''], dir, { skipArchive: true });
    expect(service.artifacts().find((a) => a.id === uploaded.id)).toMatchObject({
      name: 'report data.json',
      mimeType: 'application/json',
    });

    const target = await tempDir('raw-download');
    await client.downloadArtifact(uploaded.id ?? 0, { path: target });
    expect(treeDifferences({ 'report data.json': Buffer.from('{"ok":true}\n') }, await readTree(target))).toEqual([]);
    expect(basename(file ?? '')).toBe('report data.json');
  });

  it('refuses a name already finalized in the same workflow run, from any job', async () => {
    const first = await upload('dup');
    await expect(upload('dup')).rejects.toThrow(
      `Failed to CreateArtifact: Received non-retryable error: Failed request: (409) Conflict: ${DUPLICATE_ARTIFACT_MESSAGE}`,
    );
    await expect(withActionsEnv(service.envFor({ jobId: 'another-job' }), () => upload('dup'))).rejects.toThrow(/\(409\) Conflict/);
    const dups = service.artifacts().filter((a) => a.name === 'dup');
    expect(dups.map((a) => a.id)).toEqual([first.id]);

    // Another workflow run has its own namespace, and does not see this run's artifacts.
    const elsewhere = await withActionsEnv(service.envFor({ runId: 'another-run' }), async () => {
      const uploaded = await upload('dup');
      const { artifacts } = await client.listArtifacts();
      return { uploaded, names: artifacts.map((a) => a.id) };
    });
    expect(elsewhere.names).toEqual([elsewhere.uploaded.id]);
    const { artifacts } = await client.listArtifacts();
    expect(artifacts.map((a) => a.id)).not.toContain(elsewhere.uploaded.id);
  });

  it('deletes an artifact, after which the name can be used again', async () => {
    const first = await upload('short-lived');
    await expect(client.deleteArtifact('short-lived')).resolves.toEqual({ id: first.id });
    expect((await client.listArtifacts()).artifacts.map((a) => a.name)).not.toContain('short-lived');
    const second = await upload('short-lived');
    expect(second.id).not.toBe(first.id);
  });
});

describe('@actions/artifact when the service fails', () => {
  let restoreTimers: (() => void) | undefined;
  beforeEach(() => {
    restoreTimers = compressTimers();
  });
  afterEach(() => {
    restoreTimers?.();
  });

  it('throws after 5 attempts when CreateArtifact keeps answering 500', async () => {
    const before = service.calls('CreateArtifact').length;
    service.faults.fail('CreateArtifact');
    await expect(upload('five-hundred')).rejects.toThrow(/Failed to CreateArtifact: Failed to make request after 5 attempts: Failed request: \(500\)/);
    expect(
      service
        .calls('CreateArtifact')
        .slice(before)
        .map((c) => c.outcome),
    ).toEqual([500, 500, 500, 500, 500]);
    expect(service.artifacts().some((a) => a.name === 'five-hundred')).toBe(false);
  });

  it('leaves the artifact unfinalized when FinalizeArtifact fails; a later attempt replaces it', async () => {
    service.faults.fail('FinalizeArtifact');
    await expect(upload('unfinished')).rejects.toThrow(/Failed to FinalizeArtifact/);
    expect(
      service
        .artifacts()
        .filter((a) => a.name === 'unfinished')
        .map((a) => a.status),
    ).toEqual(['pending']);
    expect((await client.listArtifacts()).artifacts.map((a) => a.name)).not.toContain('unfinished');

    service.faults.clear();
    const retried = await upload('unfinished');
    expect(service.artifacts().filter((a) => a.name === 'unfinished')).toEqual([expect.objectContaining({ id: retried.id, status: 'finalized' })]);
  });

  it('fails fast when the service does not answer', async () => {
    service.faults.hang('ListArtifacts', { ms: 200 });
    const started = Date.now();
    await expect(client.listArtifacts()).rejects.toThrow(/Unable to make request: ECONNRESET/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('throws when the service refuses the artifact', async () => {
    service.faults.refuseArtifact('refused');
    await expect(upload('refused')).rejects.toThrow('CreateArtifact: response from backend was not ok');
    expect(service.artifacts().some((a) => a.name === 'refused')).toBe(false);
  });
});
