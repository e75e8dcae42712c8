// A patch series as the caller gives it: a directory of *.patch (name order, or
// the order of its `series` file) or a series file. Read when the request is
// resolved, so a missing patch is refused before anything runs.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.ts';

/** The patches of a series, absolute, in the order they apply. */
export function readSeries(series: string): string[] {
  let seriesFile: string | undefined;
  let dir: string;
  if (statSync(series).isDirectory()) {
    dir = series;
    if (existsSync(path.join(dir, 'series'))) seriesFile = path.join(dir, 'series');
  } else {
    seriesFile = series;
    dir = path.dirname(series);
  }
  if (!seriesFile) {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.patch'))
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map((f) => path.join(dir, f));
  }
  const patches: string[] = [];
  readFileSync(seriesFile, 'utf8')
    .split('\n')
    .forEach((raw, i) => {
      const line = raw.replace(/#.*$/, '').trim();
      if (!line) return;
      const [name, ...opts] = line.split(/\s+/);
      if (opts.some((o) => o !== '-p1')) {
        throw new InputError(`${seriesFile}:${i + 1}: only -p1 patches are supported, not '${opts.join(' ')}'`);
      }
      const file = path.resolve(dir, name!);
      if (!existsSync(file)) throw new InputError(`${seriesFile}:${i + 1}: ${name} does not exist`);
      patches.push(file);
    });
  return patches;
}
