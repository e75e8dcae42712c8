// The stand-in itself: environment handling, token, signatures, routing, shutdown.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isFeatureAvailable, restoreCache } from '@actions/cache';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  UNSET_BY_ACTIONS_ENV,
  applyActionsEnv,
  captureActionsLog,
  startActionsService,
  withActionsEnv,
  type ActionsService,
} from '../support/actions-service/index.ts';
import { createRuntimeToken, readRuntimeToken } from '../support/actions-service/runtime-token.ts';
import { SAS_VERSION } from '../support/actions-service/sas.ts';

let service: ActionsService;

beforeAll(async () => {
  service = await startActionsService({ runId: 'run-1', jobId: 'job-1' });
});

afterAll(async () => {
  await service?.stop();
});

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('environment', () => {
  it('provides what the clients read', () => {
    expect(service.env).toMatchObject({
      ACTIONS_RESULTS_URL: service.url,
      ACTIONS_CACHE_SERVICE_V2: 'true',
      GITHUB_WORKSPACE: service.workspace,
      RUNNER_TEMP: service.runnerTemp,
    });
    expect(service.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(readRuntimeToken(service.env['ACTIONS_RUNTIME_TOKEN'] ?? '')).toEqual({ runId: 'run-1', jobId: 'job-1' });
  });

  it('applies, unsets GITHUB_SERVER_URL and friends, and restores', async () => {
    const saved = Object.fromEntries(UNSET_BY_ACTIONS_ENV.map((name) => [name, process.env[name]]));
    process.env['GITHUB_SERVER_URL'] = 'https://ghes.example.com';
    process.env['ACTIONS_CACHE_MODE'] = 'read';
    try {
      await withActionsEnv(service.env, () => {
        for (const name of UNSET_BY_ACTIONS_ENV) expect(process.env[name]).toBeUndefined();
        expect(process.env['ACTIONS_RESULTS_URL']).toBe(service.url);
        expect(isFeatureAvailable()).toBe(true);
      });
      expect(process.env['GITHUB_SERVER_URL']).toBe('https://ghes.example.com');
      expect(process.env['ACTIONS_CACHE_MODE']).toBe('read');
      expect(process.env['ACTIONS_RESULTS_URL']).toBeUndefined();
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });
});

describe('runtime token', () => {
  it('is an unsigned JWT whose scp claim names the run and job', () => {
    const token = createRuntimeToken({ runId: 'r', jobId: 'j' });
    const [header, payload, signature] = token.split('.');
    expect(JSON.parse(Buffer.from(header ?? '', 'base64url').toString())).toEqual({ typ: 'JWT', alg: 'none' });
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as { scp: string; exp: number };
    expect(claims.scp.split(' ')).toContain('Actions.Results:r:j');
    expect(claims.exp * 1000).toBeGreaterThan(Date.now());
    expect(signature).toBe('');
  });
});

describe('blob store', () => {
  it('Azurite accepts our signatures and rejects tampered ones', async () => {
    const blobUrl = `${service.blobUrl}/actions-cache/harness-probe`;
    const unsigned = await fetch(blobUrl, { method: 'HEAD' });
    expect(unsigned.status).not.toBe(200);

    const caches = service.caches();
    expect(caches).toEqual([]);
    // Sign through the cache service: reserve an entry, write it, read it back.
    const headers = {
      authorization: `Bearer ${service.env['ACTIONS_RUNTIME_TOKEN']}`,
      'content-type': 'application/json',
    };
    const reserve = (await (
      await fetch(new URL('/twirp/github.actions.results.api.v1.CacheService/CreateCacheEntry', service.url), {
        method: 'POST',
        headers,
        body: JSON.stringify({ key: 'probe', version: 'v' }),
      })
    ).json()) as { ok: boolean; signed_upload_url: string };
    expect(reserve.ok).toBe(true);
    const uploadUrl = new URL(reserve.signed_upload_url);
    expect(uploadUrl.searchParams.get('sv')).toBe(SAS_VERSION);
    expect(uploadUrl.searchParams.get('sp')).toBe('cw');

    const put = await fetch(uploadUrl, {
      method: 'PUT',
      headers: { 'x-ms-blob-type': 'BlockBlob', 'x-ms-version': SAS_VERSION },
      body: 'probe-bytes',
    });
    expect(put.status).toBe(201);

    const tampered = new URL(uploadUrl);
    tampered.searchParams.set('sp', 'rcw');
    const forged = await fetch(tampered, { method: 'HEAD', headers: { 'x-ms-version': SAS_VERSION } });
    expect(forged.status).toBe(403);

    const finalize = (await (
      await fetch(new URL('/twirp/github.actions.results.api.v1.CacheService/FinalizeCacheEntryUpload', service.url), {
        method: 'POST',
        headers,
        body: JSON.stringify({ key: 'probe', version: 'v', size_bytes: '11' }),
      })
    ).json()) as { ok: boolean; entry_id: string };
    expect(finalize).toMatchObject({ ok: true });

    const lookup = (await (
      await fetch(new URL('/twirp/github.actions.results.api.v1.CacheService/GetCacheEntryDownloadURL', service.url), {
        method: 'POST',
        headers,
        body: JSON.stringify({ key: 'probe', version: 'v' }),
      })
    ).json()) as { ok: boolean; signed_download_url: string; matched_key: string };
    expect(lookup).toMatchObject({ ok: true, matched_key: 'probe' });
    const body = await (await fetch(lookup.signed_download_url)).text();
    expect(body).toBe('probe-bytes');
    service.reset();
  });
});

describe('twirp routing', () => {
  it('answers twirp errors: bad route, missing token, wrong run', async () => {
    const post = async (path: string, headers: Record<string, string>, body: object) => {
      const response = await fetch(new URL(path, service.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as { code: string; msg: string } };
    };
    const auth = { authorization: `Bearer ${service.env['ACTIONS_RUNTIME_TOKEN']}` };

    expect(await post('/twirp/nope.Service/Nope', auth, {})).toMatchObject({ status: 404, body: { code: 'bad_route' } });
    expect(await post('/twirp/github.actions.results.api.v1.ArtifactService/ListArtifacts', {}, {})).toMatchObject({
      status: 401,
      body: { code: 'unauthenticated' },
    });
    expect(
      await post('/twirp/github.actions.results.api.v1.ArtifactService/ListArtifacts', auth, {
        workflow_run_backend_id: 'someone-elses-run',
        workflow_job_run_backend_id: 'job-1',
      }),
    ).toMatchObject({ status: 403, body: { code: 'permission_denied' } });
  });
});

describe('shutdown', () => {
  it('stops Azurite and the twirp server, removes its files; clients then fail fast', async () => {
    const own = await startActionsService();
    const root = join(own.runnerTemp, '..');
    const pid = own.azuritePid;
    if (pid === undefined) throw new Error('Azurite has no pid');
    expect(existsSync(root)).toBe(true);
    expect(isRunning(pid)).toBe(true);

    await own.stop();
    await own.stop(); // idempotent
    expect(existsSync(root)).toBe(false);
    expect(isRunning(pid)).toBe(false);
    await expect(fetch(own.url, { method: 'POST' })).rejects.toThrow();
    await expect(fetch(own.blobUrl)).rejects.toThrow();

    const log = captureActionsLog();
    const restoreEnv = applyActionsEnv(own.env);
    try {
      const started = Date.now();
      await expect(restoreCache([join(own.workspace, 'x')], 'gone')).resolves.toBeUndefined();
      expect(Date.now() - started).toBeLessThan(5000);
      expect(log.warnings().join('\n')).toMatch(/ECONNREFUSED/);
      expect(existsSync(root)).toBe(false);
    } finally {
      restoreEnv();
      log.restore();
    }
  });
});
