#!/usr/bin/env bats
# shellcheck source-path=SCRIPTDIR disable=SC2016,SC2088,SC2030,SC2031 # quoted $VARS and ~ are parameter values: the scripts expand them
# scripts/scan.sh and scripts/gate.sh: a real image scanned by the installed CLI; the scan step
# records the outcome, the gate step fails the job with the CLI's exit code.

bats_require_minimum_version 1.5.0

setup_file() {
  load test_helper
  install_cli
  build_image "$BATS_FILE_TMPDIR/app.tar"
}

setup() {
  load test_helper
  circleci_env
  export PATH="$BATS_FILE_TMPDIR/cli/bin:$PATH"
  cd "$BATS_TEST_TMPDIR" || return
  # shellcheck source=../scripts/scan.sh
  source "$SCRIPTS/scan.sh"
  export TIDEGATE_PARAM_IMAGE="docker-archive:$BATS_FILE_TMPDIR/app.tar"
  export TIDEGATE_PARAM_DB="$REPO_ROOT/examples/osv" TIDEGATE_PARAM_OUTPUT_DIR=reports
}

gate() {
  TIDEGATE_PARAM_OUTPUT_DIR="${1:-reports}" bash "$SCRIPTS/gate.sh"
}

@test "scan: a vulnerable image fails the policy: reports written, exit 1 recorded, the gate fails the job with 1" {
  run -0 main
  [[ "$output" == *"CRITICAL  CVE-2023-38545"* ]]
  [[ "$output" == *"the policy failed the image"* ]]
  [[ -s reports/tidegate.json && -s reports/tidegate.txt ]]
  [[ "$(cat reports/tidegate.exit)" == 1 ]]
  run -1 gate
  [[ "$output" == *"the policy failed the image. verdict: fail"* ]]
}

@test "scan: a passing image (fail_on none) records 0 and the gate passes" {
  TIDEGATE_PARAM_FAIL_ON=none run -0 main
  [[ "$output" == *"the image passed the policy"* ]]
  run -0 gate
  [[ "$output" == *"tidegate: pass. verdict: pass"* ]]
}

@test "scan: an image that cannot be read records 2 and the gate repeats the CLI's one line" {
  TIDEGATE_PARAM_IMAGE="docker-archive:$BATS_TEST_TMPDIR/missing.tar" run -0 main
  [[ "$(cat reports/tidegate.exit)" == 2 ]]
  run -2 gate
  [[ "${lines[-1]}" == "tidegate: error: "*"missing.tar: no such file or directory"* ]]
  [[ "${#lines[@]}" == 1 ]]
}

@test "scan: no CLI on PATH records 2 with a message, never a pass" {
  PATH="$ORB_SRC/tests/bin:/usr/bin:/bin" run -0 main
  run -2 gate
  [[ "$output" == *"the tidegate CLI is not on PATH (run the tidegate/install command first)"* ]]
}

@test "scan: an empty image parameter is exit 2" {
  TIDEGATE_PARAM_IMAGE='' run -0 main
  [[ "$output" == *"the image parameter is empty"* ]]
  run -2 gate
}

@test "scan: a policy the CLI does not understand is its exit 2, not a pass" {
  echo 'not: [a policy' >policy.yml
  TIDEGATE_PARAM_POLICY=policy.yml run -0 main
  run -2 gate
  [[ "$output" == "tidegate: error: "* ]]
}

@test "scan: \$VARIABLES in the image and output_dir go through circleci env subst" {
  export IMAGES="$BATS_FILE_TMPDIR" REPORTS_NAME=expanded
  TIDEGATE_PARAM_IMAGE='docker-archive:${IMAGES}/app.tar' TIDEGATE_PARAM_OUTPUT_DIR='out/$REPORTS_NAME' TIDEGATE_PARAM_FAIL_ON=none run -0 main
  [[ -s out/expanded/tidegate.json ]]
  run -0 gate out/expanded
}

@test "scan: json and table are always requested, the user's formats kept" {
  run -0 tg_formats ''
  [[ "$output" == json,table ]]
  run -0 tg_formats 'spdx'
  [[ "$output" == spdx,json,table ]]
  run -0 tg_formats 'table, json'
  [[ "$output" == table,json ]]
}

@test "scan: empty parameters add no flags, set ones add theirs, the image comes after --" {
  TIDEGATE_PARAM_DB='' tg_scan_args out
  [[ "${TG_ARGS[*]}" == "scan --format json,table --output-dir out -- docker-archive:$BATS_FILE_TMPDIR/app.tar" ]]
  TIDEGATE_PARAM_POLICY=p.yml TIDEGATE_PARAM_FAIL_ON=critical TIDEGATE_PARAM_BASELINE=old.json TIDEGATE_PARAM_FORMATS=spdx tg_scan_args out
  [[ "${TG_ARGS[*]}" == "scan --format spdx,json,table --output-dir out --policy p.yml --fail-on critical --baseline old.json --db $REPO_ROOT/examples/osv -- docker-archive:$BATS_FILE_TMPDIR/app.tar" ]]
}

@test "scan: without db the cached DB is updated from db_source, then scanned against" {
  mkdir -p mirror
  cp -r "$REPO_ROOT/examples/osv/debian" mirror/Debian
  cp -r "$REPO_ROOT/examples/osv/npm" mirror/npm
  export TIDEGATE_OFFLINE=true TIDEGATE_CACHE_DIR="$BATS_TEST_TMPDIR/cache"
  TIDEGATE_PARAM_DB='' TIDEGATE_PARAM_DB_SOURCE='$PWD/mirror' run -0 main
  [[ "$output" == *"tidegate db update --source $BATS_TEST_TMPDIR/mirror"* ]]
  [[ -d cache/db && "$(cat reports/tidegate.exit)" == 1 ]]
  [[ "$output" == *"CRITICAL  CVE-2023-38545"* ]]
}

@test "scan: a failed DB update is exit 2, and no scan runs on a missing DB" {
  export TIDEGATE_OFFLINE=true TIDEGATE_CACHE_DIR="$BATS_TEST_TMPDIR/cache"
  TIDEGATE_PARAM_DB='' TIDEGATE_PARAM_DB_SOURCE="$BATS_TEST_TMPDIR/no-such-mirror" run -0 main
  [[ "$(cat reports/tidegate.exit)" == 2 && ! -e reports/tidegate.json ]]
  run -2 gate
  [[ "$output" == "tidegate: error: "* ]]
}

@test "scan: max_db_age applies to the cached DB only" {
  TIDEGATE_PARAM_DB='' TIDEGATE_PARAM_MAX_DB_AGE=2d tg_scan_args out
  [[ "${TG_ARGS[*]}" == *"--max-db-age 2d -- "* ]]
  TIDEGATE_PARAM_MAX_DB_AGE=2d tg_scan_args out
  [[ "${TG_ARGS[*]}" != *"--max-db-age"* ]]
}

@test "scan: an earlier scan's reports never pass for a failed one's" {
  TIDEGATE_PARAM_FAIL_ON=none run -0 main
  [[ -s reports/tidegate.json ]]
  TIDEGATE_PARAM_IMAGE="docker-archive:$BATS_TEST_TMPDIR/missing.tar" run -0 main
  [[ ! -e reports/tidegate.json && ! -e reports/tidegate.txt ]]
  run -2 gate
}

@test "gate: no scan result is exit 2" {
  run -2 gate nowhere
  [[ "$output" == *"no scan result in nowhere/tidegate.exit"* ]]
}

@test "scan: run the way CircleCI runs a packed command (bash -c), main runs" {
  TIDEGATE_PARAM_FAIL_ON=none run -0 bash -c "$(cat "$SCRIPTS/scan.sh")"
  [[ "$(cat reports/tidegate.exit)" == 0 ]]
}
