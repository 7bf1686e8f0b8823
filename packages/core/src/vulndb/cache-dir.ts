import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { EnvVar } from '../env.js';

type Env = Record<string, string | undefined>;

/**
 * tidegate's cache directory: `TIDEGATE_CACHE_DIR`, else `$XDG_CACHE_HOME/tidegate` (XDG Base
 * Directory spec), else `~/.cache/tidegate`. Holds `db/` (advisories, KEV, EPSS: the folder CI
 * caches between runs) and `layers/` (per-layer catalog results).
 */
export function cacheDir(env: Env = process.env): string {
  const own = env[EnvVar.CACHE_DIR];
  if (own) return resolve(own);
  const xdg = env[EnvVar.XDG_CACHE_HOME];
  return join(xdg ? resolve(xdg) : join(homedir(), '.cache'), 'tidegate');
}

/** The vulnerability DB folder, `<cache>/db`. */
export function dbDir(env: Env = process.env): string {
  return join(cacheDir(env), 'db');
}
