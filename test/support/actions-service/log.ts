// The toolkit clients log through @actions/core, which writes plain lines and
// workflow commands (::warning::, ::error::, ::debug::, ::add-mask::) to
// process.stdout. This captures them so tests can assert on warnings.

export interface ActionsLog {
  /** Every line written, raw. */
  lines(): string[];
  /** Messages of ::warning:: commands, unescaped. */
  warnings(): string[];
  /** Messages of ::error:: commands, unescaped. */
  errors(): string[];
  /** Plain lines (core.info). */
  infos(): string[];
  /** Everything written, for failure messages. */
  text(): string;
  /** Stops capturing; idempotent. */
  restore(): void;
}

function unescapeCommandData(data: string): string {
  return data.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

export function captureActionsLog(options: { echo?: boolean } = {}): ActionsLog {
  const stdout = process.stdout;
  const originalWrite = stdout.write;
  let text = '';
  const write = function (this: unknown, chunk: unknown, ...rest: unknown[]): boolean {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
    if (options.echo) return (originalWrite as (...args: unknown[]) => boolean).call(stdout, chunk, ...rest);
    const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
    callback?.();
    return true;
  };
  stdout.write = write as typeof stdout.write;
  const lines = (): string[] => text.split(/\r?\n/).filter((line) => line !== '');
  const commands = (name: string): string[] =>
    lines().flatMap((line) => {
      const match = /^::([a-z-]+)(?: [^:]*)?::(.*)$/.exec(line);
      return match && match[1] === name ? [unescapeCommandData(match[2] ?? '')] : [];
    });
  let restored = false;
  return {
    lines,
    warnings: () => commands('warning'),
    errors: () => commands('error'),
    infos: () => lines().filter((line) => !line.startsWith('::')),
    text: () => text,
    restore() {
      if (restored) return;
      restored = true;
      stdout.write = originalWrite;
    },
  };
}
