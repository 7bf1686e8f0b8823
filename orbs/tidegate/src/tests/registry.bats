#!/usr/bin/env bats
# shellcheck source-path=SCRIPTDIR disable=SC2016 # quoted $VARS are parameter values: the scripts expand them
# scripts/scan.sh with a registry image: a real Debian docker-registry with Basic auth on
# loopback (test/helpers/registry-server.mjs); the password goes to the CLI on stdin only.

bats_require_minimum_version 1.5.0

setup_file() {
  load test_helper
  install_cli
  build_image "$BATS_FILE_TMPDIR/app.tar"
  node "$REPO_ROOT/test/helpers/registry-server.mjs" "docker-archive:$BATS_FILE_TMPDIR/app.tar" app:1 \
    >"$BATS_FILE_TMPDIR/registry" 2>"$BATS_FILE_TMPDIR/registry.err" &
  echo "$!" >"$BATS_FILE_TMPDIR/registry.pid"
  for _ in $(seq 300); do
    [[ -s "$BATS_FILE_TMPDIR/registry" ]] && break
    sleep 0.1
  done
  [[ -s "$BATS_FILE_TMPDIR/registry" ]] || {
    cat "$BATS_FILE_TMPDIR/registry.err" >&2
    return 1
  }
}

teardown_file() {
  kill "$(cat "$BATS_FILE_TMPDIR/registry.pid")" 2>/dev/null || true
}

setup() {
  load test_helper
  circleci_env
  export PATH="$BATS_FILE_TMPDIR/cli/bin:$PATH"
  cd "$BATS_TEST_TMPDIR" || return
  # shellcheck source=../scripts/scan.sh
  source "$SCRIPTS/scan.sh"
  read -r REG_HOST REG_IMAGE <"$BATS_FILE_TMPDIR/registry"
  REG_PASSWORD="$(node "$REPO_ROOT/test/helpers/registry-server.mjs" --print-password)"
  export REG_PASSWORD TIDEGATE_PARAM_IMAGE="registry:$REG_IMAGE" TIDEGATE_PARAM_INSECURE_REGISTRY="$REG_HOST"
  export TIDEGATE_PARAM_DB="$REPO_ROOT/examples/osv" TIDEGATE_PARAM_OUTPUT_DIR=reports
  export TIDEGATE_PARAM_REGISTRY_USERNAME=alice TIDEGATE_PARAM_REGISTRY_PASSWORD=REG_PASSWORD
}

@test "registry: the image is pulled with the password on stdin and gated like any other" {
  run -0 main
  [[ "$output" == *"--username alice --password-stdin"* ]]
  [[ "$(cat reports/tidegate.exit)" == 1 ]]
  [[ -s reports/tidegate.json ]]
}

@test "registry: the password appears in no output, log or report" {
  run -0 main
  [[ "$output" != *"$REG_PASSWORD"* ]]
  run -1 grep -rF "$REG_PASSWORD" reports
}

@test "registry: a wrong password is the CLI's exit 2, not a pass" {
  REG_PASSWORD=not-the-password run -0 main
  [[ "$(cat reports/tidegate.exit)" == 2 ]]
  run -2 bash "$SCRIPTS/gate.sh"
  [[ "$output" == "tidegate: error: "* ]]
}

@test "registry: registry_username with an empty password variable is exit 2 before any pull" {
  REG_PASSWORD='' run -0 main
  [[ "$output" == *"registry_username is set but the variable REG_PASSWORD (registry_password) is empty"* ]]
  [[ "$(cat reports/tidegate.exit)" == 2 ]]
}

@test "registry: registry_password must name a variable" {
  TIDEGATE_PARAM_REGISTRY_PASSWORD='not a name' run -2 tg_scan_args out
  [[ "$output" == *"registry_password 'not a name' is not a variable name"* ]]
}
