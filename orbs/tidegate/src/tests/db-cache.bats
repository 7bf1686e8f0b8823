#!/usr/bin/env bats
# shellcheck source-path=SCRIPTDIR disable=SC2016,SC2088 # quoted $VARS and ~ are parameter values: the scripts expand them
# scripts/db-cache.sh: the daily cache-key bucket and TIDEGATE_CACHE_DIR for later steps.

bats_require_minimum_version 1.5.0

setup() {
  load test_helper
  circleci_env
  # shellcheck source=../scripts/db-cache.sh
  source "$SCRIPTS/db-cache.sh"
  export TIDEGATE_DB_CACHE_BUCKET="$BATS_TEST_TMPDIR/bucket"
}

@test "db-cache: writes today's UTC bucket and exports TIDEGATE_CACHE_DIR through BASH_ENV" {
  TIDEGATE_PARAM_DB_CACHE_DIR="$BATS_TEST_TMPDIR/cache" run -0 main
  [[ "$(cat "$BATS_TEST_TMPDIR/bucket")" == "$(date -u +%Y-%m-%d)" ]]
  run -0 bash -c 'echo "$TIDEGATE_CACHE_DIR"'
  [[ "$output" == "$BATS_TEST_TMPDIR/cache" ]]
  [[ -d "$BATS_TEST_TMPDIR/cache" ]]
}

@test "db-cache: ~ in the cache dir is the home directory" {
  HOME="$BATS_TEST_TMPDIR/home" TIDEGATE_PARAM_DB_CACHE_DIR='~/.cache/tidegate' run -0 main
  [[ "$(cat "$BASH_ENV")" == "export TIDEGATE_CACHE_DIR=$BATS_TEST_TMPDIR/home/.cache/tidegate" ]]
}
