#!/usr/bin/env bats
# shellcheck source-path=SCRIPTDIR disable=SC2016,SC2088 # quoted $VARS and ~ are parameter values: the scripts expand them
# scripts/junit.sh: the JUnit report goes where store_test_results looks, when there is one.

bats_require_minimum_version 1.5.0

setup() {
  load test_helper
  circleci_env
  cd "$BATS_TEST_TMPDIR" || return
  # shellcheck source=../scripts/junit.sh
  source "$SCRIPTS/junit.sh"
  export TIDEGATE_PARAM_OUTPUT_DIR=reports
  mkdir -p reports
}

@test "junit: the report is copied into junit/ for store_test_results" {
  echo '<testsuites/>' >reports/tidegate.junit.xml
  run -0 main
  [[ "$(cat reports/junit/tidegate.xml)" == '<testsuites/>' ]]
}

@test "junit: without a JUnit report the step says how to get one and succeeds" {
  run -0 main
  [[ "$output" == *"add junit to formats"* ]]
  [[ -d reports/junit && -z "$(ls reports/junit)" ]]
}
