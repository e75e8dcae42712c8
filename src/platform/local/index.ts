// The platform on a developer's machine: plain text on stderr, downloads with fetch.
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DownloadError, type Location } from '../../errors.ts';
import type { Log, Platform } from '../types.ts';
import { defaultCacheDir, directoryCacheStore } from './cache-store.ts';

const where = (w?: Location): string => (w ? ` [${w.file}${w.line ? `:${w.line}` : ''}]` : '');

export function consoleLog(options: { verbose?: boolean; stream?: NodeJS.WritableStream } = {}): Log {
  const out = options.stream ?? process.stderr;
  const write = (s: string): void => void out.write(`${s}\n`);
  let depth = 0;
  const indent = (): string => '  '.repeat(depth);
  return {
    info: (m) => write(`${indent()}${m}`),
    debug: (m) => {
      if (options.verbose) write(`${indent()}debug: ${m}`);
    },
    notice: (m, w) => write(`${indent()}notice: ${m}${where(w)}`),
    warning: (m, w) => write(`${indent()}warning: ${m}${where(w)}`),
    error: (m, w) => write(`${indent()}error: ${m}${where(w)}`),
    async group(title, fn) {
      write(`${indent()}== ${title}`);
      depth++;
      try {
        return await fn();
      } finally {
        depth--;
      }
    },
  };
}

export async function fetchToFile(url: string, dest: string): Promise<string> {
  const res = await fetch(url, { redirect: 'follow' });
  if (!res.ok || !res.body) throw new DownloadError(`GET ${url} answered ${res.status} ${res.statusText}`);
  try {
    await pipeline(Readable.fromWeb(res.body as import('node:stream/web').ReadableStream), createWriteStream(dest));
  } catch (e) {
    await rm(dest, { force: true });
    throw new DownloadError(`downloading ${url} failed: ${(e as Error).message}`);
  }
  return dest;
}

export function localPlatform(options: { verbose?: boolean; log?: Log } = {}): Platform {
  const log = options.log ?? consoleLog(options);
  return {
    log,
    downloader: { download: fetchToFile },
    tempDir: os.tmpdir(),
    cacheStore: (dir) => directoryCacheStore(dir ?? defaultCacheDir(), log),
  };
}
