#!/usr/bin/env bash
# Prepares the vulnerability DB cache (orb command `scan`, before restore_cache): writes the
# cache key's time bucket (the UTC day, so the cache is saved at most once a day and a new day
# starts from yesterday's DB) and points the CLI's cache at the cached directory for the rest of
# the job.
#
#   TIDEGATE_PARAM_DB_CACHE_DIR  the CLI's cache directory (TIDEGATE_CACHE_DIR); its db/ is cached
#   TIDEGATE_DB_CACHE_BUCKET     where to write the bucket (default /tmp/tidegate-db-cache-bucket,
#                                the file the cache keys take the checksum of)

# Expands $VARIABLES in a parameter value with `circleci env subst` (never eval). Values
# without a `$` are used as they are, so the circleci CLI is needed only when one has one.
tg_expand() {
  local value="$1"
  if [[ "$value" != *'$'* ]]; then
    printf '%s' "$value"
    return 0
  fi
  if ! command -v circleci >/dev/null 2>&1; then
    echo "tidegate: error: expanding '$value' needs 'circleci env subst', and the circleci CLI is not on PATH" >&2
    return 2
  fi
  circleci env subst "$value"
}

# The bucket: one value per UTC day.
tg_bucket() {
  date -u +%Y-%m-%d
}

main() {
  set -uo pipefail
  local dir bucket_file="${TIDEGATE_DB_CACHE_BUCKET:-/tmp/tidegate-db-cache-bucket}"
  dir=$(tg_expand "${TIDEGATE_PARAM_DB_CACHE_DIR:-~/.cache/tidegate}") || return
  dir="${dir/#\~/$HOME}"
  tg_bucket >"$bucket_file" || return
  mkdir -p "$dir" || return
  export TIDEGATE_CACHE_DIR="$dir"
  if [[ -n "${BASH_ENV:-}" ]]; then
    printf 'export TIDEGATE_CACHE_DIR=%q\n' "$dir" >>"$BASH_ENV"
  fi
  echo "tidegate: vulnerability DB cache in $dir/db (bucket $(cat "$bucket_file"))"
}

# Run main unless bats sourced this file to test its functions (orb-tools' guard: CircleCI runs
# the packed command with bash -c, where BASH_SOURCE is empty, so it looks at $0 instead).
ORB_TEST_ENV="bats-core"
if [ "${0#*"$ORB_TEST_ENV"}" == "$0" ]; then
  main "$@"
fi
