// What the pipeline needs from the world it runs in. The stages never import
// @actions/* or touch process.env: the GitHub adapter and the local adapter
// each implement these, so the same stages run in the action, the CLI and tests.
import type { CacheStore } from '../cache/store.ts';
import type { Location } from '../errors.ts';

export interface Log {
  info(message: string): void;
  debug(message: string): void;
  notice(message: string, where?: Location): void;
  warning(message: string, where?: Location): void;
  error(message: string, where?: Location): void;
  /** A collapsible section in the action's log; a heading locally. */
  group<T>(title: string, fn: () => Promise<T>): Promise<T>;
}

export interface Downloader {
  /** Fetches `url` to `dest` (a file path that does not exist yet) and returns `dest`. */
  download(url: string, dest: string): Promise<string>;
}

export interface UploadedArtifact {
  name: string;
  id: number;
  digest: string;
  size: number;
}

/** Where finished files are published: GitHub's artifacts in the action; nowhere locally. */
export interface Publisher {
  upload(name: string, files: string[], rootDirectory: string, options: { retentionDays: number }): Promise<UploadedArtifact>;
}

/** A place that keeps kernel tarballs between jobs (the tool cache of a self-hosted runner). */
export interface TarballShelf {
  /** The kept file for this sha256, if any. */
  find(sha256: string, fileName: string): string | undefined;
  keep(file: string, sha256: string): Promise<void>;
}

export interface Platform {
  log: Log;
  downloader: Downloader;
  /** Where the runner keeps temporary files (RUNNER_TEMP, or the OS temp dir). */
  tempDir: string;
  /** The platform's cache; `dir` asks for a plain directory instead of its own service. */
  cacheStore?(dir?: string): CacheStore;
  publisher?: Publisher;
  tarballShelf?: TarballShelf;
  /**
   * The process a run's work dir is locked for, when the run outlives this
   * process: on GitHub the runner's worker, which starts main and post, so the
   * work dir stays locked from main until post has saved and cleaned it.
   */
  jobProcess?: number;
}

/** A Log that keeps everything, for tests and for the quiet library door. */
export class MemoryLog implements Log {
  readonly lines: { level: string; message: string; where?: Location }[] = [];
  info(message: string): void {
    this.lines.push({ level: 'info', message });
  }
  debug(message: string): void {
    this.lines.push({ level: 'debug', message });
  }
  notice(message: string, where?: Location): void {
    this.lines.push({ level: 'notice', message, where });
  }
  warning(message: string, where?: Location): void {
    this.lines.push({ level: 'warning', message, where });
  }
  error(message: string, where?: Location): void {
    this.lines.push({ level: 'error', message, where });
  }
  async group<T>(title: string, fn: () => Promise<T>): Promise<T> {
    this.lines.push({ level: 'group', message: title });
    return fn();
  }
  text(): string {
    return this.lines.map((l) => `${l.level}: ${l.message}`).join('\n');
  }
}
