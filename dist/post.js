import { createRequire as __libkrunfwCreateRequire } from 'node:module'; const require = __libkrunfwCreateRequire(import.meta.url);
import {
  State,
  getState,
  githubPlatform
} from "./chunk-FL4KZISG.js";
import {
  info,
  warning
} from "./chunk-4JWIL72P.js";
import {
  removeWorkDir,
  saveCaches
} from "./chunk-IGAHHRSP.js";

// src/post.ts
async function post() {
  try {
    const workDir = getState(State.WorkDir);
    if (!workDir) return info("main did not start a build; nothing to save or clean up");
    if (getState(State.Finished) === "true") {
      const pending = JSON.parse(getState(State.PendingSaves) || "[]");
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
