import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { InfrastructureError } from '../errors.ts';
import type { Platform } from '../platform/types.ts';
import type { Stage, StageContext, StageName, StageRecord } from './stage.ts';

/** Runs stages one after another, each in its own log group, and keeps a record of each. */
export class Runner {
  readonly records: StageRecord[] = [];

  constructor(
    private readonly platform: Platform,
    private readonly workDir: string,
  ) {}

  async run<I, O>(stage: Stage<I, O>, input: I): Promise<O> {
    const { log } = this.platform;
    const logFile = path.join(this.workDir, 'logs', `${stage.name}.log`);
    mkdirSync(path.dirname(logFile), { recursive: true });
    const ctx: StageContext = { platform: this.platform, log, workDir: this.workDir, logFile };
    const started = performance.now();
    const record: StageRecord = { name: stage.name, status: 'failed', durationMs: 0, logFile };
    this.records.push(record);
    try {
      const output = await log.group(`${stage.name}: ${stage.title}`, async () => {
        const out = await stage.run(input, ctx);
        const missing = (stage.produces?.(out) ?? []).filter((f) => !existsSync(f));
        if (missing.length > 0) {
          throw new InfrastructureError(`stage ${stage.name} finished but did not produce ${missing.join(', ')}`);
        }
        return out;
      });
      record.status = 'passed';
      record.summary = stage.summary?.(output);
      return output;
    } catch (e) {
      // The door's failure summary shows how far the run got (an inner run's records win).
      if (e instanceof Error && !('stages' in e)) Object.assign(e, { stages: this.records });
      throw e;
    } finally {
      record.durationMs = performance.now() - started;
      const secs = (record.durationMs / 1000).toFixed(1);
      log.info(`${record.status === 'passed' ? '✓' : '✗'} ${stage.name} ${record.status} in ${secs}s${record.summary ? `: ${record.summary}` : ''}`);
    }
  }

  skip(name: StageName, why: string): void {
    this.records.push({ name, status: 'skipped', durationMs: 0, summary: why });
    this.platform.log.info(`- ${name} skipped: ${why}`);
  }
}
