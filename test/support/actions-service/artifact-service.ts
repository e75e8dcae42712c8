// github.actions.results.api.v1.ArtifactService (artifacts v4): artifacts
// belong to a workflow run; names are unique within the run once finalized.
import type { BlobStore } from './azurite.ts';
import { matches, optionalInt64, optionalString, optionalTimestamp, requiredString } from './fields.ts';
import { ARTIFACT_SERVICE, TwirpError, type RpcContext, type TwirpServer } from './twirp.ts';

export const ARTIFACT_CONTAINER = 'actions-results';

export const DUPLICATE_ARTIFACT_MESSAGE = 'an artifact with this name already exists on the workflow run';

export interface ArtifactRecord {
  id: number;
  runId: string;
  jobId: string;
  name: string;
  status: 'pending' | 'finalized';
  /** Size the client reported at finalize. */
  size: number;
  /** "sha256:<hex>" as the client reported it at finalize. */
  digest: string | undefined;
  mimeType: string | undefined;
  createdAt: Date;
  finalizedAt: Date | undefined;
  expiresAt: Date | undefined;
  /** Blob name inside the `actions-results` container. */
  blob: string;
}

export interface ArtifactServiceControl {
  artifacts(): ArtifactRecord[];
  refuse(name: string | RegExp): void;
  clearRefusals(): void;
  reset(): void;
}

// Content-Disposition for the signed download URL, so a file uploaded with
// skipArchive comes back under its own name.
function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function installArtifactService(server: TwirpServer, store: BlobStore): ArtifactServiceControl {
  let records: ArtifactRecord[] = [];
  let refusals: (string | RegExp)[] = [];
  let nextId = 1;

  // The request names a run and job; the token must speak for that run.
  const ids = (body: Record<string, unknown>, context: RpcContext): { runId: string; jobId: string } => {
    const runId = requiredString(body, 'workflow_run_backend_id');
    const jobId = requiredString(body, 'workflow_job_run_backend_id');
    if (runId !== context.caller.runId) {
      throw new TwirpError('permission_denied', `the runtime token does not cover workflow run ${runId}`);
    }
    return { runId, jobId };
  };
  const live = (record: ArtifactRecord): boolean =>
    record.status === 'finalized' && (record.expiresAt === undefined || record.expiresAt.getTime() > Date.now());
  const toListEntry = (record: ArtifactRecord): object => ({
    workflow_run_backend_id: record.runId,
    workflow_job_run_backend_id: record.jobId,
    database_id: String(record.id),
    name: record.name,
    size: String(record.size),
    created_at: record.createdAt.toISOString(),
    ...(record.digest === undefined ? {} : { digest: record.digest }),
  });

  server.route(ARTIFACT_SERVICE, 'CreateArtifact', (body, context) => {
    const { runId, jobId } = ids(body, context);
    if (jobId !== context.caller.jobId) {
      throw new TwirpError('permission_denied', `the runtime token does not cover job ${jobId}`);
    }
    const name = requiredString(body, 'name');
    const mimeType = optionalString(body, 'mime_type');
    const expiresAt = optionalTimestamp(body, 'expires_at');
    if (refusals.some((pattern) => matches(pattern, name))) return { ok: false, signed_upload_url: '' };
    if (records.some((r) => r.runId === runId && r.name === name && live(r))) {
      throw new TwirpError('already_exists', DUPLICATE_ARTIFACT_MESSAGE);
    }
    // An upload that never finalized is replaced by the new attempt.
    records = records.filter((r) => !(r.runId === runId && r.name === name && r.status === 'pending'));
    const id = nextId++;
    const record: ArtifactRecord = {
      id,
      runId,
      jobId,
      name,
      status: 'pending',
      size: 0,
      digest: undefined,
      mimeType,
      createdAt: new Date(),
      finalizedAt: undefined,
      expiresAt,
      blob: `artifacts/${id}`,
    };
    records.push(record);
    return { ok: true, signed_upload_url: store.signedUrl(ARTIFACT_CONTAINER, record.blob, { permissions: 'cw' }) };
  });

  server.route(ARTIFACT_SERVICE, 'FinalizeArtifact', async (body, context) => {
    const { runId, jobId } = ids(body, context);
    const name = requiredString(body, 'name');
    const record = records.find((r) => r.runId === runId && r.jobId === jobId && r.name === name && r.status === 'pending');
    if (!record) throw new TwirpError('not_found', `no upload of artifact ${name} is in progress`);
    if (!(await store.stat(ARTIFACT_CONTAINER, record.blob))) {
      throw new TwirpError('failed_precondition', `nothing was uploaded for artifact ${name}`);
    }
    record.status = 'finalized';
    record.size = optionalInt64(body, 'size') ?? 0;
    record.digest = optionalString(body, 'hash');
    record.finalizedAt = new Date();
    return { ok: true, artifact_id: String(record.id) };
  });

  server.route(ARTIFACT_SERVICE, 'ListArtifacts', (body, context) => {
    const { runId } = ids(body, context);
    const nameFilter = optionalString(body, 'name_filter');
    const idFilter = optionalInt64(body, 'id_filter');
    const artifacts = records
      .filter((r) => r.runId === runId && live(r))
      .filter((r) => nameFilter === undefined || r.name === nameFilter)
      .filter((r) => idFilter === undefined || r.id === idFilter)
      .map(toListEntry);
    return { artifacts };
  });

  server.route(ARTIFACT_SERVICE, 'GetSignedArtifactURL', (body, context) => {
    const { runId, jobId } = ids(body, context);
    const name = requiredString(body, 'name');
    const record = records.find((r) => r.runId === runId && r.jobId === jobId && r.name === name && live(r));
    if (!record) throw new TwirpError('not_found', `artifact ${name} not found`);
    const fileName = record.mimeType === 'application/zip' ? `${record.name}.zip` : record.name;
    return {
      signed_url: store.signedUrl(ARTIFACT_CONTAINER, record.blob, {
        permissions: 'r',
        contentDisposition: attachment(fileName),
      }),
    };
  });

  server.route(ARTIFACT_SERVICE, 'DeleteArtifact', async (body, context) => {
    const { runId, jobId } = ids(body, context);
    const name = requiredString(body, 'name');
    const record = records.find((r) => r.runId === runId && r.jobId === jobId && r.name === name && live(r));
    if (!record) throw new TwirpError('not_found', `artifact ${name} not found`);
    await store.remove(ARTIFACT_CONTAINER, record.blob);
    records = records.filter((r) => r !== record);
    return { ok: true, artifact_id: String(record.id) };
  });

  return {
    artifacts: () => records.map((r) => ({ ...r })),
    refuse(name) {
      refusals.push(name);
    },
    clearRefusals() {
      refusals = [];
    },
    reset() {
      records = [];
      refusals = [];
    },
  };
}
