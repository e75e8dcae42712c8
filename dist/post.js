import { createRequire as __libkrunfwCreateRequire } from 'node:module'; const require = __libkrunfwCreateRequire(import.meta.url);
import {
  githubPlatform,
  readRunRecord
} from "./chunk-5GQWU32F.js";
import {
  info,
  warning
} from "./chunk-NPGVQCRQ.js";
import {
  finishRun
} from "./chunk-QPZJ5X7Q.js";

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
