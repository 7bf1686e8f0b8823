#!/usr/bin/env bash
# Posts the sticky pull-request comment (orb command `scan`, when comment is true) through
# `tidegate comment`, the one implementation every integration uses: one comment per image,
# found by its hidden marker and edited in place. The pull request comes from CircleCI's
# variables; a branch build without one skips with a message, and so does a forked pull request
# whose build gets no secrets. The token's value is never printed: only its variable's name is
# passed on.
#
#   TIDEGATE_PARAM_OUTPUT_DIR    the scan's output directory (tidegate.json)
#   TIDEGATE_PARAM_GITHUB_TOKEN  the NAME of the variable holding the GitHub token
#   TIDEGATE_PARAM_API_URL       GitHub's REST API (GitHub Enterprise: https://HOST/api/v3)
#   TIDEGATE_PARAM_COMMENT_MODE  always, on-change or on-failure
#   TIDEGATE_PARAM_COMMENT_KEY   one comment per key (empty: the image name without tag or digest)
#   CIRCLE_PULL_REQUEST, CIRCLE_PR_NUMBER, CIRCLE_PR_USERNAME, CIRCLE_PROJECT_USERNAME,
#   CIRCLE_PROJECT_REPONAME, CIRCLE_SHA1  set by CircleCI

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

tg_fail() {
  echo "tidegate: error: $*" >&2
  return 2
}

# The pull request number: CIRCLE_PR_NUMBER (forks), else the end of CIRCLE_PULL_REQUEST
# (https://github.com/OWNER/REPO/pull/N). Nothing for a branch build.
tg_pr_number() {
  local n="${CIRCLE_PR_NUMBER:-}"
  if [[ -z "$n" && -n "${CIRCLE_PULL_REQUEST:-}" ]]; then
    n="${CIRCLE_PULL_REQUEST%/}"
    n="${n##*/}"
  fi
  [[ -z "$n" || "$n" =~ ^[1-9][0-9]*$ ]] ||
    tg_fail "cannot read a pull request number from CIRCLE_PULL_REQUEST '${CIRCLE_PULL_REQUEST:-}'" || return
  printf '%s' "$n"
}

# OWNER/REPO of the project (the base repository, also for forked pull requests), else read
# from the pull request URL.
tg_repo() {
  if [[ -n "${CIRCLE_PROJECT_USERNAME:-}" && -n "${CIRCLE_PROJECT_REPONAME:-}" ]]; then
    printf '%s/%s' "$CIRCLE_PROJECT_USERNAME" "$CIRCLE_PROJECT_REPONAME"
    return 0
  fi
  if [[ "${CIRCLE_PULL_REQUEST:-}" =~ ^https?://[^/]+/([^/]+)/([^/]+)/pull/[0-9]+/?$ ]]; then
    printf '%s/%s' "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}"
    return 0
  fi
  tg_fail "cannot tell the repository: CIRCLE_PROJECT_USERNAME and CIRCLE_PROJECT_REPONAME are empty"
}

# The comment's key when comment_key is empty: the scanned image's name without its tag or
# digest, the rule the GitHub Action keys its comment by, so a rebuild tagged with the next
# commit's SHA (app:<sha>) edits the same comment instead of adding one.
tg_default_key() {
  node -e '
    const image = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).image;
    const name = (image.repoTags && image.repoTags[0]) || image.reference;
    console.log(name.replace(/@sha256:[0-9a-f]+$/i, "").replace(/:[^:/]+$/, ""));
  ' "$1"
}

# True in a build of a pull request from a fork (CircleCI sets CIRCLE_PR_USERNAME only there).
tg_is_fork() {
  [[ -n "${CIRCLE_PR_USERNAME:-}" || -n "${CIRCLE_PR_REPONAME:-}" ]]
}

# Errors return 2 explicitly rather than through errexit, which bats' `run` switches off.
main() {
  set -uo pipefail
  local out pr repo api token_var key
  out=$(tg_expand "${TIDEGATE_PARAM_OUTPUT_DIR:-tidegate-reports}") || return
  pr=$(tg_pr_number) || return
  if [[ -z "$pr" ]]; then
    echo "tidegate: not a pull request build (CIRCLE_PULL_REQUEST is empty): no comment"
    return 0
  fi
  if [[ ! -f "$out/tidegate.json" ]]; then
    echo "tidegate: no JSON report in $out (the scan did not finish): no comment"
    return 0
  fi
  token_var="${TIDEGATE_PARAM_GITHUB_TOKEN:-GITHUB_TOKEN}"
  [[ "$token_var" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || tg_fail "github_token '$token_var' is not a variable name" || return
  if [[ -z "${!token_var:-}" ]]; then
    if tg_is_fork; then
      echo "tidegate: $token_var is empty in this forked pull request's build (CircleCI passes no secrets to forks): no comment"
      return 0
    fi
    tg_fail "no GitHub token: the variable $token_var is empty (set it in a context or the project's settings)"
    return
  fi
  repo=$(tg_repo) || return
  api=$(tg_expand "${TIDEGATE_PARAM_API_URL:-https://api.github.com}") || return
  key=$(tg_expand "${TIDEGATE_PARAM_COMMENT_KEY:-}") || return
  [[ -n "$key" ]] || key=$(tg_default_key "$out/tidegate.json") || return
  local args=(comment --report "$out/tidegate.json" --repo "$repo" --pr "$pr" --token-env "$token_var" --api-url "$api")
  args+=(--mode "${TIDEGATE_PARAM_COMMENT_MODE:-always}" --key "$key")
  echo "tidegate: commenting on $repo#$pr for commit ${CIRCLE_SHA1:-unknown}"
  tidegate "${args[@]}"
}

# Run main unless bats sourced this file to test its functions (orb-tools' guard: CircleCI runs
# the packed command with bash -c, where BASH_SOURCE is empty, so it looks at $0 instead).
ORB_TEST_ENV="bats-core"
if [ "${0#*"$ORB_TEST_ENV"}" == "$0" ]; then
  main "$@"
fi
