import { createRequire as __libkrunfwCreateRequire } from 'node:module'; const require = __libkrunfwCreateRequire(import.meta.url);
import {
  githubPlatform,
  saveRunRecord
} from "./chunk-S2AO27G4.js";
import {
  setOutputs,
  writeSummary
} from "./chunk-OFN3QGA6.js";
import {
  getInput,
  getMultilineInput,
  setFailed
} from "./chunk-ICIAVV27.js";
import {
  BUILD_INPUTS,
  prepareRun
} from "./chunk-DMAAYF7H.js";
import {
  LibkrunfwError
} from "./chunk-ZBMZBZJH.js";

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
async function run() {
  const platform = githubPlatform();
  let prepared;
  try {
    prepared = prepareRun(readActionInputs(), platform, process.env.GITHUB_WORKSPACE || process.cwd());
    saveRunRecord({ ...prepared.record, outcome: "interrupted" });
    const result = await prepared.execute();
    setOutputs(result);
    await writeSummary(result);
  } catch (e) {
    if (e instanceof LibkrunfwError) {
      for (const where of e.locations) {
        platform.log.error(e.locations.length === 1 ? e.message : where.title ?? e.message, where);
      }
      setFailed(`${e.name}: ${e.message}`);
    } else {
      setFailed(`unexpected failure: ${e.stack ?? String(e)}`);
    }
  } finally {
    if (prepared) saveRunRecord(prepared.record);
  }
}

// src/entry/main.ts
await run();
