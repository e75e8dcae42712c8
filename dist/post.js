import { createRequire as __libkrunfwCreateRequire } from 'node:module'; const require = __libkrunfwCreateRequire(import.meta.url);
import {
  githubPlatform,
  readRunRecord
} from "./chunk-O4I2YZO6.js";
import {
  info,
  warning
} from "./chunk-4YJAQ6HX.js";
import {
  finishRun
} from "./chunk-FDKAMVP5.js";

// src/post.ts
async function run() {
  process.setSourceMapsEnabled(true);
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
//# sourceMappingURL=post.js.map
