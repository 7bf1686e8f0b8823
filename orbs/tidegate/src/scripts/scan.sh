#!/usr/bin/env bash
# Scans the image and gates it (orb command `scan`, step "Scan the image"). The step itself
# always succeeds once it has recorded the outcome, so the reports are stored and the comment is
# posted before the "Gate" step (gate.sh) fails the job with the CLI's exit code.
#
# Parameters arrive as environment variables (set by commands/scan.yml):
#   TIDEGATE_PARAM_IMAGE       image reference, any that `tidegate scan` takes
#   TIDEGATE_PARAM_POLICY      policy file (empty: the CLI's default)
#   TIDEGATE_PARAM_FAIL_ON     severity threshold (empty: the policy's or the CLI's default)
#   TIDEGATE_PARAM_FORMATS     report formats, comma-separated; json and table are always added
#   TIDEGATE_PARAM_OUTPUT_DIR  where the reports go (tidegate.<ext>), with tidegate.log and tidegate.exit
#   TIDEGATE_PARAM_BASELINE    an earlier JSON report to diff against (empty: none)
#   TIDEGATE_PARAM_DB          OSV advisories (dir or zip); empty: the cached DB, updated first
#   TIDEGATE_PARAM_DB_SOURCE   where `tidegate db update` gets OSV archives (URL, mirror folder, zip)
#   TIDEGATE_PARAM_MAX_DB_AGE  exit 2 when the cached DB is older than this (36h, 7d); empty: no limit
#   TIDEGATE_PARAM_REGISTRY_USERNAME  registry user (empty: the CLI's own TIDEGATE_REGISTRY_* or docker login)
#   TIDEGATE_PARAM_REGISTRY_PASSWORD  the NAME of the variable holding the registry password or token;
#                              its value goes to the CLI on stdin (--password-stdin), never on a command line
#   TIDEGATE_PARAM_INSECURE_REGISTRY  registries to reach over plain HTTP (host[:port], comma-separated)
#   TIDEGATE_CACHE_DIR         the CLI's cache directory (exported by db-cache.sh when the DB is cached)

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

# The formats to request: the user's, plus json (the comment, the baseline and the gate read it)
# and table (printed to the job log).
tg_formats() {
  local formats="${1// /}" need
  for need in json table; do
    [[ ",$formats," == *",$need,"* ]] || formats="${formats:+$formats,}$need"
  done
  printf '%s' "$formats"
}

# Fills the global array TG_ARGS with the `tidegate scan` command line.
tg_scan_args() {
  local out="$1" image policy baseline db
  image=$(tg_expand "${TIDEGATE_PARAM_IMAGE:-}") || return
  policy=$(tg_expand "${TIDEGATE_PARAM_POLICY:-}") || return
  baseline=$(tg_expand "${TIDEGATE_PARAM_BASELINE:-}") || return
  db=$(tg_expand "${TIDEGATE_PARAM_DB:-}") || return
  if [[ -z "$image" ]]; then
    echo "tidegate: error: the image parameter is empty" >&2
    return 2
  fi
  TG_ARGS=(scan --format "$(tg_formats "${TIDEGATE_PARAM_FORMATS:-}")" --output-dir "$out")
  [[ -z "$policy" ]] || TG_ARGS+=(--policy "$policy")
  [[ -z "${TIDEGATE_PARAM_FAIL_ON:-}" ]] || TG_ARGS+=(--fail-on "$TIDEGATE_PARAM_FAIL_ON")
  [[ -z "$baseline" ]] || TG_ARGS+=(--baseline "$baseline")
  if [[ -n "$db" ]]; then
    TG_ARGS+=(--db "$db")
  elif [[ -n "${TIDEGATE_PARAM_MAX_DB_AGE:-}" ]]; then
    TG_ARGS+=(--max-db-age "$TIDEGATE_PARAM_MAX_DB_AGE")
  fi
  [[ -z "${TIDEGATE_PARAM_INSECURE_REGISTRY:-}" ]] || TG_ARGS+=(--insecure-registry "$TIDEGATE_PARAM_INSECURE_REGISTRY")
  if [[ -n "${TIDEGATE_PARAM_REGISTRY_USERNAME:-}" ]]; then
    tg_registry_password >/dev/null || return
    TG_ARGS+=(--username "$TIDEGATE_PARAM_REGISTRY_USERNAME" --password-stdin)
  fi
  TG_ARGS+=(-- "$image")
}

# Fills the global array TG_DB_ARGS with the `tidegate db update` command line (the cached DB,
# in TIDEGATE_CACHE_DIR, fetched from db_source or OSV's public bucket).
tg_db_update_args() {
  local source
  source=$(tg_expand "${TIDEGATE_PARAM_DB_SOURCE:-}") || return
  TG_DB_ARGS=(db update)
  [[ -z "$source" ]] || TG_DB_ARGS+=(--source "$source")
}

# Prints the registry password: the value of the variable registry_password names. Exit 2 when
# that is not a variable name or is empty. Callers pipe it to the CLI; it is never echoed.
tg_registry_password() {
  local var="${TIDEGATE_PARAM_REGISTRY_PASSWORD:-TIDEGATE_REGISTRY_PASSWORD}"
  if [[ ! "$var" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]]; then
    echo "tidegate: error: registry_password '$var' is not a variable name" >&2
    return 2
  fi
  if [[ -z "${!var:-}" ]]; then
    echo "tidegate: error: registry_username is set but the variable $var (registry_password) is empty" >&2
    return 2
  fi
  printf '%s' "${!var}"
}

# Runs tidegate with $@, its stderr shown live and kept in LOG; prints nothing else. Returns the
# CLI's exit code, with anything but 0 and 1 (not installed, killed) turned into 2.
tg_run() {
  local log="$1" code
  shift
  if ! command -v tidegate >/dev/null 2>&1; then
    echo "tidegate: error: the tidegate CLI is not on PATH (run the tidegate/install command first)" | tee -a "$log" >&2
    return 2
  fi
  { tidegate "$@" 2>&1 1>&3 | tee -a "$log" >&2; } 3>&1
  code=${PIPESTATUS[0]}
  case "$code" in
    0 | 1) return "$code" ;;
    *) return 2 ;;
  esac
}

main() {
  set -uo pipefail
  local out code=0
  out=$(tg_expand "${TIDEGATE_PARAM_OUTPUT_DIR:-tidegate-reports}") || out=tidegate-reports
  mkdir -p "$out"
  # An earlier scan's files must not pass for this one's (the comment and the gate read them).
  rm -f "$out"/tidegate.* "$out/tidegate-comment.md" "$out/junit/tidegate.xml"
  : >"$out/tidegate.log"
  if ! tg_scan_args "$out" 2>>"$out/tidegate.log"; then
    cat "$out/tidegate.log" >&2
    code=2
  elif [[ -z "${TIDEGATE_PARAM_DB:-}" ]]; then
    tg_db_update_args || code=2
    if ((code == 0)); then
      echo "tidegate ${TG_DB_ARGS[*]}"
      tg_run "$out/tidegate.log" "${TG_DB_ARGS[@]}" </dev/null || code=2
    fi
  fi
  if ((code == 0)); then
    echo "tidegate ${TG_ARGS[*]}"
    if [[ -n "${TIDEGATE_PARAM_REGISTRY_USERNAME:-}" ]]; then
      tg_registry_password | tg_run "$out/tidegate.log" "${TG_ARGS[@]}"
    else
      tg_run "$out/tidegate.log" "${TG_ARGS[@]}" </dev/null
    fi
    code=$?
  fi
  echo "$code" >"$out/tidegate.exit"
  [[ ! -f "$out/tidegate.txt" ]] || cat "$out/tidegate.txt"
  case "$code" in
    0) echo "tidegate: the image passed the policy" ;;
    1) echo "tidegate: the policy failed the image; the Gate step fails the job once the reports are stored" ;;
    *) echo "tidegate: could not scan the image; the Gate step fails the job: $(tail -n 1 "$out/tidegate.log")" ;;
  esac
  return 0
}

# Run main unless bats sourced this file to test its functions (orb-tools' guard: CircleCI runs
# the packed command with bash -c, where BASH_SOURCE is empty, so it looks at $0 instead).
ORB_TEST_ENV="bats-core"
if [ "${0#*"$ORB_TEST_ENV"}" == "$0" ]; then
  main "$@"
fi
