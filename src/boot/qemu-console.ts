// Runs QEMU with its serial console on stdio and waits for the boot marker.
// Resolves with the console once the marker is out (QEMU is then stopped);
// rejects with a BootError that shows the end of the console when QEMU exits
// first or the time runs out, so a failed boot says what the guest said.
import { spawn } from 'node:child_process';
import { BootError } from '../errors.ts';
import { BOOT_MARKER } from './test-init.ts';

/** What every boot test's QEMU gets: a small guest of one CPU, no devices of QEMU's choosing, the console on stdio. */
export const QEMU_GUEST_ARGS = ['-m', '512', '-smp', '1', '-nodefaults', '-no-user-config', '-nographic', '-no-reboot', '-serial', 'stdio'];

export interface ConsoleRun {
  qemu: string;
  args: string[];
  timeoutMs: number;
  /** Stop early when the console shows this (e.g. a KVM internal error). */
  giveUpOn?: { text: string; why: string };
}

/** How many console lines a failure shows. */
const SHOWN_LINES = 25;

export function runUntilMarker(o: ConsoleRun): Promise<string> {
  return new Promise((resolve, reject) => {
    const qemu = spawn(o.qemu, o.args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let settled = false;
    const finish = (ok: boolean, why: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      qemu.kill('SIGKILL');
      if (ok) resolve(out);
      else reject(new BootError(`${why}; the guest console ended with:\n${out.split('\n').slice(-SHOWN_LINES).join('\n')}`, out));
    };
    const timer = setTimeout(() => finish(false, `the kernel did not reach init within ${o.timeoutMs / 1000}s`), o.timeoutMs);
    const onData = (chunk: Buffer): void => {
      out += chunk.toString('utf8');
      if (out.includes(BOOT_MARKER)) finish(true, '');
      else if (o.giveUpOn && out.includes(o.giveUpOn.text)) finish(false, o.giveUpOn.why);
    };
    qemu.stdout.on('data', onData);
    qemu.stderr.on('data', onData);
    qemu.on('error', (e) => finish(false, `${o.qemu} could not start: ${e.message}`));
    qemu.on('exit', (code) => finish(false, `QEMU exited (${code}) before init printed ${BOOT_MARKER}`));
  });
}
