#!/usr/bin/env bash
# Puts the JUnit report where store_test_results looks (orb command `scan`). The report exists
# only when the formats include junit; without it the step says so and succeeds.
#
#   TIDEGATE_PARAM_OUTPUT_DIR  the scan's output directory; the report is tidegate.junit.xml,
#                              copied to its junit/ folder

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

main() {
  set -uo pipefail
  local out
  out=$(tg_expand "${TIDEGATE_PARAM_OUTPUT_DIR:-tidegate-reports}") || return
  mkdir -p "$out/junit" || return
  if [[ -f "$out/tidegate.junit.xml" ]]; then
    cp "$out/tidegate.junit.xml" "$out/junit/tidegate.xml" || return
    echo "tidegate: JUnit report ready for the Tests tab ($out/junit/tidegate.xml)"
  else
    echo "tidegate: no JUnit report ($out/tidegate.junit.xml); add junit to formats to see findings in the Tests tab"
  fi
}

# Run main unless bats sourced this file to test its functions (orb-tools' guard: CircleCI runs
# the packed command with bash -c, where BASH_SOURCE is empty, so it looks at $0 instead).
ORB_TEST_ENV="bats-core"
if [ "${0#*"$ORB_TEST_ENV"}" == "$0" ]; then
  main "$@"
fi
