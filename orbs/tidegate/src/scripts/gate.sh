#!/usr/bin/env bash
# Fails the job on the scan's verdict (orb command `scan`, last step, run even after a failed
# step). Exit codes are the CLI's, as in every integration: 0 the policy passed (warnings
# allowed), 1 the policy failed the image, 2 tidegate could not do its job (its one-line message
# is repeated here).
#
#   TIDEGATE_PARAM_OUTPUT_DIR  the scan's output directory (tidegate.exit, tidegate.log)

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

# The last line of LOG that starts with PREFIX, or nothing.
tg_last_line() {
  [[ -f "$1" ]] || return 0
  grep -- "^$2" "$1" | tail -n 1
}

main() {
  set -uo pipefail
  local out code line
  out=$(tg_expand "${TIDEGATE_PARAM_OUTPUT_DIR:-tidegate-reports}") || return 2
  code=$(cat "$out/tidegate.exit" 2>/dev/null)
  case "$code" in
    0)
      echo "tidegate: pass. $(tg_last_line "$out/tidegate.log" 'verdict: ')"
      return 0
      ;;
    1)
      echo "tidegate: the policy failed the image. $(tg_last_line "$out/tidegate.log" 'verdict: ')" >&2
      echo "tidegate: the reports are in the job's artifacts (tidegate/)" >&2
      return 1
      ;;
    2)
      line=$(tg_last_line "$out/tidegate.log" 'tidegate: ')
      echo "${line:-tidegate: error: the scan could not finish (see $out/tidegate.log)}" >&2
      return 2
      ;;
    *)
      echo "tidegate: error: no scan result in $out/tidegate.exit (did the scan step run?)" >&2
      return 2
      ;;
  esac
}

# Run main unless bats sourced this file to test its functions (orb-tools' guard: CircleCI runs
# the packed command with bash -c, where BASH_SOURCE is empty, so it looks at $0 instead).
ORB_TEST_ENV="bats-core"
if [ "${0#*"$ORB_TEST_ENV"}" == "$0" ]; then
  main "$@"
fi
