# Shared by the orb's bats tests (STYLE rule 26: the scripts run under bash with CircleCI's
# variables set, against a real image, the built CLI and the loopback GitHub API).
# shellcheck shell=bash

ORB_SRC="$(cd "$BATS_TEST_DIRNAME/.." && pwd)"
REPO_ROOT="$(cd "$ORB_SRC/../../.." && pwd)"
SCRIPTS="$ORB_SRC/scripts"
# A recognisable fake token: tests assert it appears in no output, report or comment (rule 18).
TOKEN='ghs_orbTestToken0123456789abcdefXYZ'
CLI_VERSION="$(node -p "require('$REPO_ROOT/package.json').version")"
export ORB_SRC REPO_ROOT SCRIPTS TOKEN CLI_VERSION

# CircleCI's environment for a branch build of o/r, a fresh $BASH_ENV, and the circleci
# stand-in (for `circleci env subst`) on PATH.
circleci_env() {
  export CIRCLECI=true CI=true
  export CIRCLE_SHA1=0123456789abcdef0123456789abcdef01234567
  export CIRCLE_PROJECT_USERNAME=o CIRCLE_PROJECT_REPONAME=r CIRCLE_BRANCH=feature
  unset CIRCLE_PULL_REQUEST CIRCLE_PULL_REQUESTS CIRCLE_PR_NUMBER CIRCLE_PR_USERNAME CIRCLE_PR_REPONAME
  export BASH_ENV="$BATS_TEST_TMPDIR/bash_env"
  : >"$BASH_ENV"
  export PATH="$ORB_SRC/tests/bin:$PATH"
}

# Installs the built CLI the way the install command does (npm, pinned version) from the
# workspace package, offline, into $BATS_FILE_TMPDIR/cli, and puts it on PATH.
install_cli() {
  TIDEGATE_PARAM_VERSION="$CLI_VERSION" TIDEGATE_PARAM_SOURCE=npm \
    TIDEGATE_PARAM_PACKAGE="$REPO_ROOT/packages/cli" TIDEGATE_PARAM_INSTALL_DIR="$BATS_FILE_TMPDIR/cli" \
    BASH_ENV='' npm_config_offline=true bash "$SCRIPTS/install.sh" >/dev/null
  export PATH="$BATS_FILE_TMPDIR/cli/bin:$PATH"
}

# Builds the example image (Debian 12 base + npm app with known-vulnerable packages) as a
# docker-archive at $1.
build_image() {
  node "$REPO_ROOT/examples/build-image.mjs" "$1" >/dev/null
}

# Scans $1 into the output dir $2 with the example advisories; extra NAME=VALUE parameters follow.
scan_into() {
  local image="$1" out="$2"
  shift 2
  env TIDEGATE_PARAM_IMAGE="docker-archive:$image" TIDEGATE_PARAM_OUTPUT_DIR="$out" \
    TIDEGATE_PARAM_DB="$REPO_ROOT/examples/osv" "$@" bash "$SCRIPTS/scan.sh"
}
