import { createRequire as __libkrunfwCreateRequire } from 'node:module'; const require = __libkrunfwCreateRequire(import.meta.url);
import {
  State,
  getState,
  githubPlatform
} from "./chunk-E2GG3Z4E.js";
import {
  info,
  warning
} from "./chunk-3U7KINWT.js";
import {
  removeWorkDir,
  saveCaches,
  savesAfter
} from "./chunk-6TGI6TJH.js";

// src/post.ts
async function post() {
  try {
    const workDir = getState(State.WorkDir);
    if (!workDir) return info("main did not start a build; nothing to save or clean up");
    if (getState(State.Finished) === "true") {
      const pending = savesAfter(JSON.parse(getState(State.PendingSaves) || "[]"), getState(State.KeepWorkDir) === "true");
      const platform = githubPlatform();
      const store = pending.length > 0 ? platform.cacheStore?.(getState(State.CacheDir) || void 0) : void 0;
      if (store) await saveCaches(store, pending, platform.log, platform.tarballShelf);
    } else {
      info("the build did not finish: no cache is saved from it");
    }
    if (getState(State.KeepWorkDir) === "true") info(`keeping ${workDir} (keep-work-dir)`);
    else removeWorkDir(workDir);
  } catch (e) {
    warning(`post: ${e.message}`);
  }
}
await post();
export {
  post
};
