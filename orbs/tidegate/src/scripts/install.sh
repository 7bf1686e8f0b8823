#!/usr/bin/env bash
# Installs the pinned tidegate CLI (orb command `install`). The install directory is cached by
# the command, so a warm job only checks the version and puts the CLI on PATH.
#
# Parameters arrive as environment variables (set by commands/install.yml):
#   TIDEGATE_PARAM_VERSION        the CLI version to install (pinned; `tidegate version` must agree)
#   TIDEGATE_PARAM_SOURCE         npm (the @tidegate/cli package) or bundle (the single-file CLI)
#   TIDEGATE_PARAM_PACKAGE        npm package spec instead of @tidegate/cli@VERSION (a mirror or tarball)
#   TIDEGATE_PARAM_BUNDLE_URL     URL or path of the bundle (source bundle)
#   TIDEGATE_PARAM_BUNDLE_SHA256  expected SHA-256 of the bundle (optional, recommended)
#   TIDEGATE_PARAM_INSTALL_DIR    where to install; `tidegate` lands in its bin/

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

# The install directory, with a leading ~ expanded.
tg_install_dir() {
  local dir
  dir=$(tg_expand "${TIDEGATE_PARAM_INSTALL_DIR:-~/.tidegate}") || return
  printf '%s' "${dir/#\~/$HOME}"
}

# Node.js 20 or newer must be on PATH: the CLI is a Node program.
tg_check_node() {
  command -v node >/dev/null 2>&1 ||
    tg_fail "tidegate needs Node.js 20 or newer on PATH (use the tidegate/default executor or a cimg/node image)" || return
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  if ((major < 20)); then
    tg_fail "tidegate needs Node.js 20 or newer; this image has $(node --version)"
    return
  fi
}

# Prints the version of the tidegate in DIR/bin, or nothing.
tg_installed_version() {
  local out
  out=$("$1/bin/tidegate" version 2>/dev/null) || return 0
  printf '%s' "${out#tidegate }"
}

# Writes DIR/bin/tidegate, a launcher for the CLI's entry script $2.
tg_write_launcher() {
  mkdir -p "$1/bin"
  printf '#!/bin/sh\nexec node %q "$@"\n' "$2" >"$1/bin/tidegate"
  chmod +x "$1/bin/tidegate"
}

tg_install_npm() {
  local dir="$1" version="$2" spec
  spec=$(tg_expand "${TIDEGATE_PARAM_PACKAGE:-}") || return
  spec="${spec:-@tidegate/cli@$version}"
  echo "tidegate: npm install $spec into $dir/npm"
  npm install --prefix "$dir/npm" --no-save --no-audit --no-fund --loglevel=error "$spec" ||
    tg_fail "npm could not install $spec" || return
  tg_write_launcher "$dir" "$dir/npm/node_modules/@tidegate/cli/bin/tidegate.js"
}

# Copies or downloads $1 to $2 (http, https and file URLs through curl; anything else is a path).
tg_fetch() {
  case "$1" in
    http://* | https://* | file://*) curl -fsSL --retry 3 -o "$2" "$1" ;;
    *) cp "$1" "$2" ;;
  esac
}

tg_install_bundle() {
  local dir="$1" url sum want
  url=$(tg_expand "${TIDEGATE_PARAM_BUNDLE_URL:-}") || return
  [[ -n "$url" ]] || tg_fail "source bundle needs bundle_url (the URL of tidegate.js)" || return
  mkdir -p "$dir/lib"
  echo "tidegate: downloading $url"
  # .mjs: the bundle is an ES module, and no package.json next to it says so.
  tg_fetch "$url" "$dir/lib/tidegate.mjs" || tg_fail "could not download $url" || return
  want="${TIDEGATE_PARAM_BUNDLE_SHA256:-}"
  if [[ -n "$want" ]]; then
    sum=$(sha256sum "$dir/lib/tidegate.mjs" | cut -d' ' -f1)
    if [[ "$sum" != "$want" ]]; then
      rm -f "$dir/lib/tidegate.mjs"
      tg_fail "$url has SHA-256 $sum, not the expected $want"
      return
    fi
  fi
  tg_write_launcher "$dir" "$dir/lib/tidegate.mjs"
}

# Puts DIR/bin first on PATH, for this step and (through $BASH_ENV) every later step of the job.
tg_add_to_path() {
  export PATH="$1/bin:$PATH"
  if [[ -n "${BASH_ENV:-}" ]]; then
    # shellcheck disable=SC2016 # $PATH is meant to expand later, when $BASH_ENV is sourced
    printf 'export PATH=%q:"$PATH"\n' "$1/bin" >>"$BASH_ENV"
  fi
}

# Errors return 2 explicitly rather than through errexit, which bats' `run` switches off.
main() {
  set -uo pipefail
  local version="${TIDEGATE_PARAM_VERSION:-}" source="${TIDEGATE_PARAM_SOURCE:-npm}" dir have
  [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.-]+)?$ ]] ||
    tg_fail "version '$version' is not a pinned version (X.Y.Z)" || return
  tg_check_node || return
  dir=$(tg_install_dir) || return
  have=$(tg_installed_version "$dir")
  if [[ "$have" == "$version" ]]; then
    echo "tidegate: $version is already installed in $dir (restored from the cache)"
  else
    case "$source" in
      npm) tg_install_npm "$dir" "$version" || return ;;
      bundle) tg_install_bundle "$dir" || return ;;
      *) tg_fail "source '$source' is neither npm nor bundle" || return ;;
    esac
    have=$(tg_installed_version "$dir")
    [[ "$have" == "$version" ]] ||
      tg_fail "the installed CLI reports version '${have:-none}', not the pinned $version" || return
  fi
  tg_add_to_path "$dir"
  echo "tidegate: $(tidegate version) is on PATH ($dir/bin)"
}

# Run main unless bats sourced this file to test its functions (orb-tools' guard: CircleCI runs
# the packed command with bash -c, where BASH_SOURCE is empty, so it looks at $0 instead).
ORB_TEST_ENV="bats-core"
if [ "${0#*"$ORB_TEST_ENV"}" == "$0" ]; then
  main "$@"
fi
