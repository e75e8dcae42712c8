// Azurite's blob service as a child process: the data plane the real clients
// upload to and download from through signed URLs.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { clearTimeout, setTimeout } from 'node:timers';
import { DEV_ACCOUNT, SAS_VERSION, accountSasQuery, blobSasQuery } from './sas.ts';

// Blob names this harness creates: no characters that would need escaping
// differently in the URL path and in the signed canonical resource.
const SAFE_BLOB_NAME = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;
const SAFE_CONTAINER_NAME = /^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}$/;

// Preloaded into the child: when the parent goes away without calling stop()
// (crash, SIGKILL, a worker torn down), the IPC channel closes and the child
// exits instead of lingering as an orphan.
const EXIT_WITH_PARENT = 'data:text/javascript,process.on("disconnect",()=>process.exit(0))';

export interface BlobStat {
  size: number;
  contentType: string | undefined;
}

export interface SignOptions {
  permissions: string;
  /** Default: one hour. */
  expiresInMs?: number;
  contentDisposition?: string;
}

export interface BlobStore {
  /** http://127.0.0.1:<port>/devstoreaccount1 */
  readonly accountUrl: string;
  readonly pid: number | undefined;
  createContainer(container: string): Promise<void>;
  signedUrl(container: string, blob: string, options: SignOptions): string;
  stat(container: string, blob: string): Promise<BlobStat | undefined>;
  remove(container: string, blob: string): Promise<void>;
  stop(): Promise<void>;
}

export interface StartAzuriteOptions {
  /** Working directory for the child (Azurite keeps data in memory). */
  cwd: string;
  startTimeoutMs?: number;
  /** Megabytes of in-memory blob storage. */
  memoryLimitMb?: number;
}

function azuriteBlobEntry(): string {
  const require = createRequire(import.meta.url);
  const packageJsonPath = require.resolve('azurite/package.json');
  const manifest = JSON.parse(readFileSync(packageJsonPath, 'utf8')) as { bin: Record<string, string> };
  const bin = manifest.bin['azurite-blob'];
  if (!bin) throw new Error('azurite package has no azurite-blob entry');
  return join(dirname(packageJsonPath), bin);
}

function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  // A custom account list would replace the well-known development account.
  delete env['AZURITE_ACCOUNTS'];
  // Inspector or loader flags meant for the test process do not belong here.
  delete env['NODE_OPTIONS'];
  return env;
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.off('exit', onExit);
      resolve(false);
    }, ms);
    const onExit = (): void => {
      clearTimeout(timer);
      resolve(true);
    };
    child.once('exit', onExit);
  });
}

export async function startAzurite(options: StartAzuriteOptions): Promise<BlobStore> {
  const args = [
    '--import',
    EXIT_WITH_PARENT,
    azuriteBlobEntry(),
    '--blobHost',
    '127.0.0.1',
    '--blobPort',
    '0',
    '--inMemoryPersistence',
    '--extentMemoryLimit',
    String(options.memoryLimitMb ?? 512),
    '--silent',
    '--loose',
    '--skipApiVersionCheck',
    '--disableTelemetry',
  ];
  const child = spawn(process.execPath, args, {
    cwd: options.cwd,
    env: childEnv(),
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);

  let output = '';
  const remember = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-8000);
  };
  child.stderr?.on('data', remember);

  const stopChild = async (): Promise<void> => {
    process.off('exit', killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    if (child.connected) child.disconnect();
    child.kill('SIGTERM');
    if (await waitForExit(child, 3000)) return;
    child.kill('SIGKILL');
    await waitForExit(child, 3000);
  };

  let port: number;
  try {
    port = await new Promise<number>((resolve, reject) => {
      const limit = options.startTimeoutMs ?? 20_000;
      const timer = setTimeout(() => reject(new Error(`Azurite did not start within ${limit} ms`)), limit);
      const onData = (chunk: Buffer): void => {
        remember(chunk);
        const match = /successfully listens on https?:\/\/[^\s:]+:(\d+)/.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          child.stdout?.off('data', onData);
          resolve(Number(match[1]));
        }
      };
      child.stdout?.on('data', onData);
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`Azurite exited during startup (code ${code}, signal ${signal})`));
      });
    });
  } catch (error) {
    await stopChild();
    throw new Error(`${(error as Error).message}\n--- Azurite output ---\n${output}`, { cause: error });
  }
  // Keep draining the pipes so the child never blocks on a full buffer.
  child.stdout?.on('data', remember);

  const accountUrl = `http://127.0.0.1:${port}/${DEV_ACCOUNT}`;
  const blobUrl = (container: string, blob: string): string => {
    if (!SAFE_CONTAINER_NAME.test(container)) throw new Error(`unsafe container name '${container}'`);
    if (!SAFE_BLOB_NAME.test(blob)) throw new Error(`unsafe blob name '${blob}'`);
    return `${accountUrl}/${container}/${blob}`;
  };
  const signedUrl = (container: string, blob: string, sign: SignOptions): string => {
    const query = blobSasQuery({
      container,
      blob,
      permissions: sign.permissions,
      expiresOn: new Date(Date.now() + (sign.expiresInMs ?? 3_600_000)),
      contentDisposition: sign.contentDisposition,
    });
    return `${blobUrl(container, blob)}?${query}`;
  };

  const store: BlobStore = {
    accountUrl,
    pid: child.pid,
    async createContainer(container) {
      if (!SAFE_CONTAINER_NAME.test(container)) throw new Error(`unsafe container name '${container}'`);
      const sas = accountSasQuery({
        permissions: 'rwdlac',
        resourceTypes: 'sco',
        expiresOn: new Date(Date.now() + 3_600_000),
      });
      const response = await fetch(`${accountUrl}/${container}?restype=container&${sas}`, {
        method: 'PUT',
        headers: { 'x-ms-version': SAS_VERSION },
      });
      await response.arrayBuffer();
      // 409: the container already exists, which is what we want.
      if (response.status !== 201 && response.status !== 409) {
        throw new Error(`Azurite refused to create container ${container}: HTTP ${response.status}`);
      }
    },
    signedUrl,
    async stat(container, blob) {
      const response = await fetch(signedUrl(container, blob, { permissions: 'r', expiresInMs: 60_000 }), {
        method: 'HEAD',
        headers: { 'x-ms-version': SAS_VERSION },
      });
      if (response.status === 404) return undefined;
      if (!response.ok) throw new Error(`Azurite HEAD ${container}/${blob}: HTTP ${response.status}`);
      return {
        size: Number(response.headers.get('content-length') ?? '0'),
        contentType: response.headers.get('content-type') ?? undefined,
      };
    },
    async remove(container, blob) {
      const response = await fetch(signedUrl(container, blob, { permissions: 'd', expiresInMs: 60_000 }), {
        method: 'DELETE',
        headers: { 'x-ms-version': SAS_VERSION },
      });
      await response.arrayBuffer();
      if (!response.ok && response.status !== 404) {
        throw new Error(`Azurite DELETE ${container}/${blob}: HTTP ${response.status}`);
      }
    },
    stop: stopChild,
  };
  return store;
}
