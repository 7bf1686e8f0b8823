#!/usr/bin/env bats
# shellcheck source-path=SCRIPTDIR disable=SC2016,SC2088,SC2030,SC2031 # quoted $VARS and ~ are parameter values: the scripts expand them
# scripts/install.sh: the pinned CLI from npm or a bundle, cached, on PATH through $BASH_ENV.

bats_require_minimum_version 1.5.0

setup() {
  load test_helper
  circleci_env
  # shellcheck source=../scripts/install.sh
  source "$SCRIPTS/install.sh"
  export TIDEGATE_PARAM_VERSION="$CLI_VERSION" TIDEGATE_PARAM_SOURCE=npm
  export TIDEGATE_PARAM_PACKAGE="$REPO_ROOT/packages/cli"
  export TIDEGATE_PARAM_INSTALL_DIR="$BATS_TEST_TMPDIR/tidegate"
  export npm_config_offline=true
}

@test "install: npm puts the pinned CLI on PATH for later steps through BASH_ENV" {
  run -0 main
  [[ "$output" == *"tidegate $CLI_VERSION is on PATH"* ]]
  [[ -x "$BATS_TEST_TMPDIR/tidegate/bin/tidegate" ]]
  run -0 bash -c 'tidegate version'
  [[ "$output" == "tidegate $CLI_VERSION" ]]
}

@test "install: a restored cache skips npm" {
  run -0 main
  mkdir -p "$BATS_TEST_TMPDIR/nonpm"
  printf '#!/bin/sh\necho "npm must not run" >&2\nexit 1\n' >"$BATS_TEST_TMPDIR/nonpm/npm"
  chmod +x "$BATS_TEST_TMPDIR/nonpm/npm"
  PATH="$BATS_TEST_TMPDIR/nonpm:$PATH" run -0 main
  [[ "$output" == *"already installed"* ]]
}

@test "install: a CLI that reports another version than the pinned one is exit 2" {
  TIDEGATE_PARAM_VERSION=9.9.9 run -2 main
  [[ "$output" == *"reports version '$CLI_VERSION', not the pinned 9.9.9"* ]]
}

@test "install: a version that is not X.Y.Z is exit 2" {
  TIDEGATE_PARAM_VERSION=latest run -2 main
  [[ "$output" == *"'latest' is not a pinned version"* ]]
}

@test "install: an unknown source is exit 2" {
  TIDEGATE_PARAM_SOURCE=brew run -2 main
  [[ "$output" == *"source 'brew' is neither npm nor bundle"* ]]
}

@test "install: Node.js older than 20 is exit 2 with a message" {
  mkdir -p "$BATS_TEST_TMPDIR/oldnode"
  printf '#!/bin/sh\nif [ "$1" = -p ]; then echo 18; else echo v18.20.4; fi\n' >"$BATS_TEST_TMPDIR/oldnode/node"
  chmod +x "$BATS_TEST_TMPDIR/oldnode/node"
  PATH="$BATS_TEST_TMPDIR/oldnode:$PATH" run -2 main
  [[ "$output" == *"needs Node.js 20 or newer; this image has v18.20.4"* ]]
}

@test "install: install_dir with a \$VARIABLE goes through circleci env subst, ~ is the home" {
  export ORB_TEST_DIR="$BATS_TEST_TMPDIR/expanded"
  TIDEGATE_PARAM_INSTALL_DIR="\$ORB_TEST_DIR/cli" run -0 tg_install_dir
  [[ "$output" == "$BATS_TEST_TMPDIR/expanded/cli" ]]
  TIDEGATE_PARAM_INSTALL_DIR="~/.tidegate" run -0 tg_install_dir
  [[ "$output" == "$HOME/.tidegate" ]]
}

@test "install: bundle with the wrong SHA-256 is exit 2 and keeps nothing" {
  export TIDEGATE_PARAM_SOURCE=bundle TIDEGATE_PARAM_BUNDLE_URL="file://$REPO_ROOT/packages/cli/dist/tidegate.js"
  TIDEGATE_PARAM_BUNDLE_SHA256="$(printf '0%.0s' {1..64})" run -2 main
  [[ "$output" == *"not the expected 0000"* ]]
  [[ ! -e "$BATS_TEST_TMPDIR/tidegate/lib/tidegate.mjs" ]]
}

@test "install: bundle without bundle_url is exit 2" {
  TIDEGATE_PARAM_SOURCE=bundle run -2 main
  [[ "$output" == *"source bundle needs bundle_url"* ]]
}

@test "install: bundle is downloaded, checked and run on its own" {
  local bundle="$REPO_ROOT/packages/cli/dist/tidegate.js"
  # The bundle must run with no node_modules around it; say so instead of failing here when it cannot.
  cp "$bundle" "$BATS_TEST_TMPDIR/alone.mjs"
  if ! (cd / && node "$BATS_TEST_TMPDIR/alone.mjs" version >/dev/null 2>&1); then
    skip "the CLI bundle does not run on its own (it loads a package from node_modules at startup)"
  fi
  export TIDEGATE_PARAM_SOURCE=bundle TIDEGATE_PARAM_BUNDLE_URL="file://$bundle"
  TIDEGATE_PARAM_BUNDLE_SHA256="$(sha256sum "$bundle" | cut -d' ' -f1)" run -0 main
  run -0 bash -c 'tidegate version'
  [[ "$output" == "tidegate $CLI_VERSION" ]]
}

@test "install: run the way CircleCI runs a packed command (bash -c), main runs" {
  run -0 env BASH_ENV="$BASH_ENV" bash -c "$(cat "$SCRIPTS/install.sh")"
  [[ "$output" == *"is on PATH"* ]]
}
