/**
 * Every environment variable tidegate reads (STYLE rule 32). One prefix: `TIDEGATE_`.
 *
 * Each CLI flag `--some-flag` can also be set as `TIDEGATE_SOME_FLAG` (see {@link envNameForFlag});
 * the CLI derives those from its flag table. The variables below are the ones that are not
 * flags, or that core reads directly.
 */
export const ENV_PREFIX = 'TIDEGATE_';

export const EnvVar = {
  /** Cache directory for the vulnerability DB and layer results. Default `$XDG_CACHE_HOME/tidegate`. */
  CACHE_DIR: 'TIDEGATE_CACHE_DIR',
  /** Set to any value to disable colours in the table output (also honours `NO_COLOR`). */
  NO_COLOR: 'NO_COLOR',
  /** XDG base directory for caches; `~/.cache` when unset. */
  XDG_CACHE_HOME: 'XDG_CACHE_HOME',
} as const;

/** `--fail-on` → `TIDEGATE_FAIL_ON`. */
export function envNameForFlag(flag: string): string {
  return ENV_PREFIX + flag.replace(/^--/, '').replace(/-/g, '_').toUpperCase();
}
