#!/usr/bin/env node
// dist/cli.js: the command line. The work is in src/cli.ts's cli().
// SIGINT and SIGTERM stop the run (every child's process group) instead of
// killing Node outright, so the run can say which stage it stopped and exit
// 130 or 143 with nothing half-done.
import { cli } from '../cli.ts';
import { installInterruptHandlers } from '../util/interrupt.ts';

installInterruptHandlers({ onSignal: (signal) => process.stderr.write(`stopping: ${signal} received\n`) });
process.exitCode = await cli(process.argv.slice(2));
