// SIGINT and SIGTERM (Ctrl-C, a cancelled job, a runner's timeout) as an
// AbortSignal. Once a door installs the handlers, a signal aborts with an
// InterruptedError: every run() kills its child's process group (make and all
// under it) and throws it, so the door can say which stage was stopped and exit
// 130 or 143. A second signal does not wait for that: it exits at once (the
// 'exit' hooks still kill the children and release the locks).
import { InterruptedError } from '../errors.ts';

export type InterruptSignal = 'SIGINT' | 'SIGTERM';
const SIGNALS: InterruptSignal[] = ['SIGINT', 'SIGTERM'];

let controller = new AbortController();
let handlers: Map<InterruptSignal, () => void> | undefined;

export interface InterruptOptions {
  /** Told about the signal as it arrives, before anything is stopped ("stopping: SIGTERM received"). */
  onSignal?: (signal: InterruptSignal) => void;
}

/**
 * Turns SIGINT and SIGTERM into an abort of interruptSignal(). Returns a function
 * that removes the handlers again. Installing twice keeps the first handlers.
 */
export function installInterruptHandlers(options: InterruptOptions = {}): () => void {
  if (!handlers) {
    handlers = new Map();
    for (const signal of SIGNALS) {
      const handler = (): void => {
        if (controller.signal.aborted) {
          // Asked twice: the run did not stop fast enough for the caller.
          process.exit(new InterruptedError(signal).exitCode);
        }
        options.onSignal?.(signal);
        controller.abort(new InterruptedError(signal));
      };
      handlers.set(signal, handler);
      process.on(signal, handler);
    }
  }
  return uninstallInterruptHandlers;
}

export function uninstallInterruptHandlers(): void {
  for (const [signal, handler] of handlers ?? []) process.off(signal, handler);
  handlers = undefined;
}

/** Whether a signal will abort the run instead of killing Node outright. */
export function interruptHandlersInstalled(): boolean {
  return handlers !== undefined;
}

/** Aborted, with an InterruptedError as its reason, when a signal came. */
export function interruptSignal(): AbortSignal {
  return controller.signal;
}

/** The signal that came, if one did. */
export function interruptReceived(): InterruptSignal | undefined {
  const reason: unknown = controller.signal.reason;
  return reason instanceof InterruptedError ? reason.signal : undefined;
}

/** Throws the InterruptedError when a signal came: for loops and steps that run no child. */
export function throwIfInterrupted(): void {
  if (controller.signal.aborted) throw controller.signal.reason;
}

/** As if `signal` had come (tests, and a door that learns of a cancellation another way). */
export function interrupt(signal: InterruptSignal): void {
  if (!controller.signal.aborted) controller.abort(new InterruptedError(signal));
}

/** Forget a past signal: a fresh signal for the next run in the same process (tests, long-lived library users). */
export function resetInterrupt(): void {
  controller = new AbortController();
}
