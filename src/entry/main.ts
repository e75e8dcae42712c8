// dist/main.js: the action's main step. The work is in src/main.ts's run().
// A cancelled job or a runner's timeout sends SIGINT or SIGTERM: the run stops
// every child, says which stage it stopped, and the post step still finishes.
import { info } from '@actions/core';
import { run } from '../main.ts';
import { installInterruptHandlers } from '../util/interrupt.ts';

installInterruptHandlers({ onSignal: (signal) => info(`stopping: ${signal} received`) });
await run();
