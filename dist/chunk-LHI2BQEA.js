import { createRequire as __libkrunfwCreateRequire } from 'node:module'; const require = __libkrunfwCreateRequire(import.meta.url);
import {
  DownloadError,
  defaultCacheDir,
  directoryCacheStore
} from "./chunk-FDKAMVP5.js";

// src/platform/local/index.ts
import { createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import os from "node:os";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
var where = (w) => w ? ` [${w.file}${w.line ? `:${w.line}` : ""}]` : "";
function consoleLog(options = {}) {
  const out = options.stream ?? process.stderr;
  const write = (s) => void out.write(`${s}
`);
  let depth = 0;
  const indent = () => "  ".repeat(depth);
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
    }
  };
}
async function fetchToFile(url, dest) {
  const res = await fetch(url, { redirect: "follow" });
  if (!res.ok || !res.body) throw new DownloadError(`GET ${url} answered ${res.status} ${res.statusText}`);
  try {
    await pipeline(Readable.fromWeb(res.body), createWriteStream(dest));
  } catch (e) {
    await rm(dest, { force: true });
    throw new DownloadError(`downloading ${url} failed: ${e.message}`);
  }
  return dest;
}
function localPlatform(options = {}) {
  const log = options.log ?? consoleLog(options);
  return {
    log,
    downloader: { download: fetchToFile },
    tempDir: os.tmpdir(),
    cacheStore: (dir) => directoryCacheStore(dir ?? defaultCacheDir(), log)
  };
}

export {
  consoleLog,
  localPlatform
};
//# sourceMappingURL=chunk-LHI2BQEA.js.map
