// One results service per test file: started before the file's tests with its
// env applied, faults cleared after each test, stopped after the file.
import { afterAll, afterEach, beforeAll } from 'vitest';
import { applyActionsEnv } from './env.ts';
import { startActionsService, type ActionsService, type ActionsServiceOptions } from './index.ts';

/** The file's service; usable in tests (not at module load), like a `let` set in beforeAll. */
export function useActionsService(options: ActionsServiceOptions = {}): ActionsService {
  let current: ActionsService | undefined;
  let restoreEnv: (() => void) | undefined;
  beforeAll(async () => {
    current = await startActionsService(options);
    restoreEnv = applyActionsEnv(current.env);
  }, 60_000);
  afterEach(() => current?.faults.clear());
  afterAll(async () => {
    restoreEnv?.();
    await current?.stop();
  });
  return new Proxy({} as ActionsService, {
    get(_target, prop) {
      if (!current) throw new Error('the actions service is used before beforeAll started it');
      const value = Reflect.get(current, prop) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(current) : value;
    },
  });
}
