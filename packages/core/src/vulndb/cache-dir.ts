import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { cacheDir } from '../env.js';

type Env = Record<string, string | undefined>;

/**
 * The vulnerability DB folder, `<cache>/db` (the cache root is {@link cacheDir}: `TIDEGATE_CACHE_DIR`,
 * else `$XDG_CACHE_HOME/tidegate`, else `~/.cache/tidegate`). It holds the advisories, KEV and
 * EPSS: the folder a CI cache step keeps. `layers/` beside it is the layer cache.
 */
export function dbDir(env: Env = process.env): string {
  return join(resolve(cacheDir(env, homedir())), 'db');
}
