import { createRequire as __libkrunfwCreateRequire } from 'node:module'; const require = __libkrunfwCreateRequire(import.meta.url);
import {
  githubPlatform,
  readRunRecord
} from "./chunk-S2AO27G4.js";
import {
  info,
  warning
} from "./chunk-ICIAVV27.js";
import {
  finishRun
} from "./chunk-ZBMZBZJH.js";

// src/post.ts
async function run() {
  try {
    const record = readRunRecord();
    if (!record) return info("main did not start a run; nothing to save or clean up");
    await finishRun(record, githubPlatform());
  } catch (e) {
    warning(`post: ${e.message}`);
  }
}

// src/entry/post.ts
await run();
