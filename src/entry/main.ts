// dist/main.js: the action's main step. The work is in src/main.ts's run().
import { run } from '../main.ts';

await run();
