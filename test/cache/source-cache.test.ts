// The source cache: the first run downloads (over real HTTP on 127.0.0.1), the
// second gets the tarball from the cache and never touches the network.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceCache } from '../../src/cache/levels.ts';
import { saveCaches } from '../../src/cache/saves.ts';
import { Runtime } from '../../src/pipeline/plan.ts';
import type { BuildState } from '../../src/pipeline/state.ts';
import { resolveRequest } from '../../src/request/resolve.ts';
import { ChecksumError } from '../../src/errors.ts';
import { sourceStage } from '../../src/pipeline/stages/source.ts';
import { directoryCacheStore } from '../../src/platform/local/cache-store.ts';
import { fetchToFile } from '../../src/platform/local/index.ts';
import { MemoryLog, type TarballShelf } from '../../src/platform/types.ts';
import { toolCacheShelf, toolCachePersists } from '../../src/platform/github/tool-cache.ts';
import { sha256 } from '../../src/util/hash.ts';
import { stageContext } from '../support/context.ts';
import { tempDir } from '../support/tmp.ts';

const root = tempDir('source-cache');
let server: http.Server;
let url: string;
let requests = 0;
let tarball: Buffer;

beforeAll(async () => {
  // A tiny tree shaped like a kernel release: one top directory with a Makefile.
  const tree = path.join(root, 'tree', 'linux-6.12.87');
  mkdirSync(tree, { recursive: true });
  writeFileSync(path.join(tree, 'Makefile'), 'VERSION = 6\nPATCHLEVEL = 12\nSUBLEVEL = 87\nEXTRAVERSION =\n');
  execFileSync('tar', ['-czf', path.join(root, 'linux-6.12.87.tar.gz'), '-C', path.join(root, 'tree'), 'linux-6.12.87']);
  tarball = readFileSync(path.join(root, 'linux-6.12.87.tar.gz'));
  server = http.createServer((_req, res) => {
    requests++;
    res.end(tarball);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/linux-6.12.87.tar.gz`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** One run in the work directory every run uses (entries are tied to their paths, as on GitHub). */
async function fetchSource(sha: string, opts: { storeDir?: string; shelf?: TarballShelf } = {}) {
  const name = 'work';
  rmSync(path.join(root, name), { recursive: true, force: true });
  const log = new MemoryLog();
  const store = directoryCacheStore(opts.storeDir ?? path.join(root, 'store'), log);
  const platform = { log, tempDir: root, downloader: { download: fetchToFile }, tarballShelf: opts.shelf };
  const ctx = { ...stageContext(path.join(root, name)), platform };
  const build = resolveRequest({ 'kernel-source': url, 'kernel-sha256': sha, 'work-dir': name }, { cwd: root, tempDir: root, cpuCount: 2, hostArch: 'x64' });
  if (!('kernel' in build)) throw new Error('not a build');
  // The source level around the source step, as the route runs them.
  const rt = new Runtime(platform, path.join(root, name), store);
  const s: BuildState = { request: build, build };
  expect(await sourceCache.off(s, rt)).toBeUndefined();
  const restored = await sourceCache.restore(s, rt);
  rt.report(restored.report);
  Object.assign(s, restored.fills);
  s.fetched = await sourceStage.run({ ...build.kernel, downloadTo: s.downloadTo }, ctx);
  const keep = await sourceCache.keep!(s, rt, 0);
  await saveCaches(store, keep ? [keep] : [], log, opts.shelf);
  return { out: s.fetched, report: restored.report };
}

describe('source cache', () => {
  it('downloads once, then restores the tarball without touching the network', async () => {
    const sha = sha256(tarball);
    const first = await fetchSource(sha);
    expect(first.report.state).toBe('miss');
    expect(first.out.sha256).toBe(sha);
    expect(requests).toBe(1);

    const second = await fetchSource(sha);
    expect(second.report).toMatchObject({ state: 'hit', key: `libkrunfw-source-${sha}` });
    expect(second.out.sha256).toBe(sha);
    expect(requests).toBe(1);
  });

  it("keeps the tarball in a self-hosted runner's tool cache, found even with an empty cache store", async () => {
    const sha = sha256(tarball);
    const saved = {
      RUNNER_TOOL_CACHE: process.env.RUNNER_TOOL_CACHE,
      RUNNER_TEMP: process.env.RUNNER_TEMP,
      RUNNER_ENVIRONMENT: process.env.RUNNER_ENVIRONMENT,
    };
    Object.assign(process.env, {
      RUNNER_TOOL_CACHE: path.join(root, 'toolcache'),
      RUNNER_TEMP: path.join(root, 'runner-temp'),
      RUNNER_ENVIRONMENT: 'self-hosted',
    });
    try {
      expect(toolCachePersists()).toBe(true);
      const shelf = toolCacheShelf();
      await fetchSource(sha, { storeDir: path.join(root, 'store-a'), shelf });
      const before = requests;
      const again = await fetchSource(sha, { storeDir: path.join(root, 'store-b-empty'), shelf });
      expect(again.report).toMatchObject({ state: 'hit', detail: "from the runner's tool cache" });
      expect(requests).toBe(before);
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
    expect(toolCachePersists({ RUNNER_ENVIRONMENT: 'github-hosted', RUNNER_TOOL_CACHE: '/opt/hostedtoolcache' })).toBe(false);
  });

  it('neither keeps nor caches a download whose sha256 is wrong', async () => {
    const wrong = 'e'.repeat(64);
    const before = requests;
    const err = await fetchSource(wrong).catch((e) => e);
    expect(err).toBeInstanceOf(ChecksumError);
    expect(requests).toBe(before + 1);
    // Not cached: the next try downloads again (and fails again).
    await fetchSource(wrong).catch(() => undefined);
    expect(requests).toBe(before + 2);
  });
});
