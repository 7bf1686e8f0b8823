#!/usr/bin/env bats
# shellcheck source-path=SCRIPTDIR disable=SC2016,SC2088 # quoted $VARS and ~ are parameter values: the scripts expand them
# scripts/comment.sh: the sticky pull-request comment through `tidegate comment`, from CircleCI's
# variables, against the loopback GitHub API (test/helpers/fake-github-server.mjs).

bats_require_minimum_version 1.5.0

setup_file() {
  load test_helper
  install_cli
  build_image "$BATS_FILE_TMPDIR/app.tar"
  circleci_env
  export PATH="$BATS_FILE_TMPDIR/cli/bin:$PATH"
  scan_into "$BATS_FILE_TMPDIR/app.tar" "$BATS_FILE_TMPDIR/fail" >/dev/null
  scan_into "$BATS_FILE_TMPDIR/app.tar" "$BATS_FILE_TMPDIR/pass" TIDEGATE_PARAM_FAIL_ON=none >/dev/null
}

setup() {
  load test_helper
  circleci_env
  export PATH="$BATS_FILE_TMPDIR/cli/bin:$PATH"
  # A fresh fake per test, so each starts with an empty pull request.
  node "$REPO_ROOT/test/helpers/fake-github-server.mjs" --token "$TOKEN" >"$BATS_TEST_TMPDIR/fake" &
  FAKE_PID=$!
  for _ in $(seq 100); do
    [[ -s "$BATS_TEST_TMPDIR/fake" ]] && break
    sleep 0.1
  done
  read -r GH_URL CONTROL_URL <"$BATS_TEST_TMPDIR/fake"
  # shellcheck source=../scripts/comment.sh
  source "$SCRIPTS/comment.sh"
  export CIRCLE_PULL_REQUEST=https://github.com/o/r/pull/7 GITHUB_TOKEN="$TOKEN"
  export TIDEGATE_PARAM_API_URL="$GH_URL" TIDEGATE_PARAM_OUTPUT_DIR="$BATS_FILE_TMPDIR/fail"
}

teardown() {
  kill "$FAKE_PID" 2>/dev/null || true
  wait "$FAKE_PID" 2>/dev/null || true
}

# The comments on o/r#7, as GitHub's API lists them: one "id<TAB>body-first-line" per line.
comments() {
  curl -fsS -H "Authorization: Bearer $TOKEN" "$GH_URL/repos/o/r/issues/7/comments?per_page=100" |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{for(const c of JSON.parse(s))console.log(`${c.id}\t${c.body.split("\n").slice(0,2).join(" ")}`)})'
}

# The methods the fake received, other than GET, space-separated.
writes() {
  curl -fsS "$CONTROL_URL/requests" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).filter(r=>r.method!=="GET").map(r=>r.method).join(" ")))'
}

@test "comment: created on the first run, updated in place on the second, never duplicated" {
  run -0 main
  [[ "$output" == *"commenting on o/r#7 for commit $CIRCLE_SHA1"* ]]
  run -0 comments
  [[ "${#lines[@]}" == 1 && "$output" == *"<!-- tidegate:example-app -->"*"FAIL"* ]]
  local first_id="${lines[0]%%$'\t'*}"
  TIDEGATE_PARAM_OUTPUT_DIR="$BATS_FILE_TMPDIR/pass" run -0 main
  run -0 comments
  [[ "${#lines[@]}" == 1 && "${lines[0]%%$'\t'*}" == "$first_id" && "$output" == *PASS* ]]
  run -0 writes
  [[ "$output" == "POST PATCH" ]]
}

@test "comment: a rebuild tagged for the next commit edits the same comment (key without the tag)" {
  run -0 main
  mkdir -p "$BATS_TEST_TMPDIR/next"
  node -e 'const fs=require("fs");const r=JSON.parse(fs.readFileSync(process.argv[1]));r.image.repoTags=["example-app:0123abc"];r.verdict.status="pass";fs.writeFileSync(process.argv[2],JSON.stringify(r))' \
    "$BATS_FILE_TMPDIR/fail/tidegate.json" "$BATS_TEST_TMPDIR/next/tidegate.json"
  TIDEGATE_PARAM_OUTPUT_DIR="$BATS_TEST_TMPDIR/next" run -0 main
  run -0 comments
  [[ "${#lines[@]}" == 1 && "$output" == *"<!-- tidegate:example-app -->"*PASS* ]]
  TIDEGATE_PARAM_COMMENT_KEY=api run -0 main
  run -0 comments
  [[ "${#lines[@]}" == 2 && "$output" == *"<!-- tidegate:api -->"* ]]
}

@test "comment: the default key drops a digest or tag, never a registry port" {
  mkdir -p "$BATS_TEST_TMPDIR/k"
  for ref in 'example.com:5000/team/app:1.2' 'example.com:5000/team/app@sha256:0123abcd' 'example.com:5000/team/app'; do
    printf '{"image":{"repoTags":[],"reference":"%s"}}' "$ref" >"$BATS_TEST_TMPDIR/k/r.json"
    run -0 tg_default_key "$BATS_TEST_TMPDIR/k/r.json"
    [[ "$output" == example.com:5000/team/app ]]
  done
}

@test "comment: the token appears in no output, report or comment" {
  run -0 main
  [[ "$output" != *"$TOKEN"* ]]
  run -0 comments
  [[ "$output" != *"$TOKEN"* ]]
  run -1 grep -rF "$TOKEN" "$BATS_FILE_TMPDIR/fail" "$BATS_FILE_TMPDIR/pass"
}

@test "comment: the github_token parameter names another variable" {
  unset GITHUB_TOKEN
  MY_GH_TOKEN="$TOKEN" TIDEGATE_PARAM_GITHUB_TOKEN=MY_GH_TOKEN run -0 main
  run -0 comments
  [[ "${#lines[@]}" == 1 ]]
}

@test "comment: a branch build (no pull request) skips with a message and calls nothing" {
  unset CIRCLE_PULL_REQUEST
  run -0 main
  [[ "$output" == *"not a pull request build"* ]]
  run -0 curl -fsS "$CONTROL_URL/requests"
  [[ "$output" == "[]" ]]
}

@test "comment: a forked pull request without secrets skips with a message" {
  unset GITHUB_TOKEN CIRCLE_PULL_REQUEST
  export CIRCLE_PR_NUMBER=7 CIRCLE_PR_USERNAME=forker CIRCLE_PR_REPONAME=r
  run -0 main
  [[ "$output" == *"forked pull request"*"no comment"* ]]
}

@test "comment: a read-only token (a fork's) is skipped by the CLI, not a failure" {
  curl -fsS -X POST -d '{"status":403,"body":"{\"message\":\"Resource not accessible by integration\"}"}' "$CONTROL_URL/faults"
  run -0 main
  [[ "$output" == *"no write access"* ]]
}

@test "comment: no token on a pull request of the repository itself is exit 2" {
  unset GITHUB_TOKEN
  run -2 main
  [[ "$output" == "tidegate: error: no GitHub token: the variable GITHUB_TOKEN is empty"* ]]
}

@test "comment: bad credentials are the CLI's exit 2 with one line, the token not printed" {
  GITHUB_TOKEN=ghs_wrongTokenValue000000000000000000000 run -2 main
  [[ "${lines[-1]}" == "tidegate: error: "*"HTTP 401"* ]]
  [[ "$output" != *ghs_wrong* ]]
}

@test "comment: no JSON report (the scan did not finish) skips; the gate reports the failure" {
  TIDEGATE_PARAM_OUTPUT_DIR="$BATS_TEST_TMPDIR/empty" run -0 main
  [[ "$output" == *"no JSON report"* ]]
}

@test "comment: the pull request number comes from CIRCLE_PR_NUMBER, else CIRCLE_PULL_REQUEST's end" {
  run -0 tg_pr_number
  [[ "$output" == 7 ]]
  CIRCLE_PR_NUMBER=12 run -0 tg_pr_number
  [[ "$output" == 12 ]]
  CIRCLE_PULL_REQUEST=https://github.com/o/r/pull/not-a-number run -2 tg_pr_number
  unset CIRCLE_PULL_REQUEST
  run -0 tg_pr_number
  [[ -z "$output" ]]
}

@test "comment: the repository comes from the project variables, else the pull request URL" {
  run -0 tg_repo
  [[ "$output" == o/r ]]
  unset CIRCLE_PROJECT_USERNAME CIRCLE_PROJECT_REPONAME
  CIRCLE_PULL_REQUEST=https://ghe.example.com/team/app/pull/3 run -0 tg_repo
  [[ "$output" == team/app ]]
  CIRCLE_PULL_REQUEST='' run -2 tg_repo
}
