// dist/post.js: the action's post step. The work is in src/post.ts's run().
import { run } from '../post.ts';

await run();
