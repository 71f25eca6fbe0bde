import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * A full garbage collection, so memory baselines are not inflated by garbage
 * from the previous phase. `npm run bench` runs without --expose-gc, so the
 * flag is switched on at run time and `gc` is fetched from a fresh context.
 */
export const collectGarbage: () => void = (() => {
  if (typeof globalThis.gc === 'function') return globalThis.gc as () => void;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();
