#!/usr/bin/env node
// dist/cli.js: the command line. The work is in src/cli.ts's cli().
import { cli } from '../cli.ts';

process.exitCode = await cli(process.argv.slice(2));
