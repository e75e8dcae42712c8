import { createRequire as __libkrunfwCreateRequire } from 'node:module'; const require = __libkrunfwCreateRequire(import.meta.url);
import {
  State,
  githubPlatform,
  saveState
} from "./chunk-E2GG3Z4E.js";
import {
  setOutputs,
  writeSummary
} from "./chunk-HANXDU2H.js";
import {
  getInput,
  getMultilineInput,
  setFailed
} from "./chunk-3U7KINWT.js";
import {
  BUILD_INPUTS,
  prepareRun
} from "./chunk-7GAT4HF3.js";
import {
  LibkrunfwError
} from "./chunk-6TGI6TJH.js";

// src/request/from-inputs.ts
function readActionInputs() {
  const raw = {};
  for (const spec of BUILD_INPUTS) {
    if ("multiple" in spec && spec.multiple) raw[spec.name] = getMultilineInput(spec.name);
    else raw[spec.name] = getInput(spec.name);
  }
  return raw;
}

// src/main.ts
async function main() {
  const platform = githubPlatform();
  try {
    const run = await prepareRun(readActionInputs(), platform);
    saveState(State.WorkDir, run.workDir);
    saveState(State.KeepWorkDir, String(run.keepWorkDir));
    saveState(State.CacheDir, run.cacheDir ?? "");
    const result = await run.execute();
    saveState(State.PendingSaves, JSON.stringify(result.pendingSaves));
    setOutputs(result);
    await writeSummary(result);
    saveState(State.Finished, "true");
  } catch (e) {
    if (e instanceof LibkrunfwError) {
      for (const where of e.locations) {
        platform.log.error(e.locations.length === 1 ? e.message : where.title ?? e.message, where);
      }
      setFailed(`${e.name}: ${e.message}`);
    } else {
      setFailed(`unexpected failure: ${e.stack ?? String(e)}`);
    }
  }
}
await main();
export {
  main
};
