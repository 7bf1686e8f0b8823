/**
 * Every environment variable tidegate reads (STYLE rule 32). One prefix: `TIDEGATE_`.
 *
 * Each CLI flag `--some-flag` can also be set as `TIDEGATE_SOME_FLAG` (see {@link envNameForFlag});
 * the CLI derives those from its flag table (so `--db`, `--offline`, `--max-db-age`,
 * `--ecosystems`, `--source` are `TIDEGATE_DB`, `TIDEGATE_OFFLINE`, …). The variables below
 * are the ones that are not flags, or that core reads directly.
 */
export const ENV_PREFIX = 'TIDEGATE_';

export const EnvVar = {
  /**
   * Cache directory. Default `$XDG_CACHE_HOME/tidegate`, else `~/.cache/tidegate`. The
   * vulnerability DB lives in its `db/` folder (the folder a CI cache step should keep), the
   * layer cache in `layers/`.
   */
  CACHE_DIR: 'TIDEGATE_CACHE_DIR',
  /** Base URL of OSV's bulk archives (`<base>/<ecosystem>/all.zip`). Default OSV's public bucket. */
  OSV_BASE_URL: 'TIDEGATE_OSV_BASE_URL',
  /** Base URL of OSV's API for `--db osv-api` (`POST <base>/v1/querybatch`). Default `https://api.osv.dev`. */
  OSV_API_URL: 'TIDEGATE_OSV_API_URL',
  /** URL (or local path) of CISA's KEV catalog JSON. */
  KEV_URL: 'TIDEGATE_KEV_URL',
  /** URL (or local path) of FIRST's EPSS scores (`epss_scores-current.csv.gz`, or a plain CSV). */
  EPSS_URL: 'TIDEGATE_EPSS_URL',
  /** Set to any value to disable colours in the table output (also honours `NO_COLOR`). */
  NO_COLOR: 'NO_COLOR',
  /** XDG base directory for caches; `~/.cache` when unset. */
  XDG_CACHE_HOME: 'XDG_CACHE_HOME',
  /**
   * Username for the registry of the scanned image, when `--username` is not given. Used only
   * with {@link EnvVar.REGISTRY_PASSWORD}.
   */
  REGISTRY_USERNAME: 'TIDEGATE_REGISTRY_USERNAME',
  /**
   * Password or token for the registry of the scanned image, when `--password-stdin` is not
   * used. Sent only to that registry and its token server; never logged.
   */
  REGISTRY_PASSWORD: 'TIDEGATE_REGISTRY_PASSWORD',
  /** Docker's own: the daemon to export images from. Default `unix:///var/run/docker.sock`. */
  DOCKER_HOST: 'DOCKER_HOST',
  /** Docker's own: the directory holding `config.json` (registry credentials). Default `~/.docker`. */
  DOCKER_CONFIG: 'DOCKER_CONFIG',
  /** Used to find `~/.docker` and `~/.cache`. */
  HOME: 'HOME',
} as const;

/**
 * The cache directory: `$TIDEGATE_CACHE_DIR`, else `$XDG_CACHE_HOME/tidegate`, else
 * `~/.cache/tidegate`. The vulnerability DB lives under `db/`, per-layer scan results under `layers/`.
 */
export function cacheDir(env: Record<string, string | undefined>, home: string): string {
  const explicit = env[EnvVar.CACHE_DIR];
  if (explicit) return explicit;
  const xdg = env[EnvVar.XDG_CACHE_HOME];
  return `${xdg || `${env[EnvVar.HOME] || home}/.cache`}/tidegate`;
}

/** `--fail-on` → `TIDEGATE_FAIL_ON`. */
export function envNameForFlag(flag: string): string {
  return ENV_PREFIX + flag.replace(/^--/, '').replace(/-/g, '_').toUpperCase();
}
