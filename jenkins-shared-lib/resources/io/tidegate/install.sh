#!/bin/sh
# Installs the pinned tidegate CLI for the tidegateScan step, or reuses it, and prints the path of
# the executable on stdout: the only line it prints there (progress goes to stderr). The step
# loads this file with libraryResource and runs it with sh; it is POSIX sh, for any agent.
#
# Variables (set by the step through withEnv; none is ever interpolated into a command):
#   TIDEGATE_CLI_VERSION        the pinned version, X.Y.Z; `tidegate --version` must agree
#   TIDEGATE_CLI                an existing tidegate executable to run instead (no install);
#                               a path, or a command on PATH
#   TIDEGATE_CLI_DIR            where versions are installed, one directory each
#                               (default ${XDG_CACHE_HOME:-$HOME/.cache}/tidegate)
#   TIDEGATE_CLI_BUNDLE_URL     install the single-file bundle from this URL (http, https, file)
#                               or path, instead of npm (curl downloads http and https)
#   TIDEGATE_CLI_BUNDLE_SHA256  the bundle's expected SHA-256 (recommended)
# Without a bundle URL it runs `npm install --prefix DIR @tidegate/cli@VERSION` (npm's own
# configuration decides the registry, so a mirror in .npmrc works).
# Exit 2 with one `tidegate: error: ...` line on stderr when it cannot.
set -eu

fail() {
  echo "tidegate: error: $*" >&2
  exit 2
}

# The version `$1 --version` reports (`tidegate 0.1.0` → 0.1.0), or nothing.
version_of() {
  "$1" --version 2>/dev/null | sed -n 's/^tidegate //p' | head -n 1 || true
}

use_given_cli() {
  cli="$TIDEGATE_CLI"
  case "$cli" in
    */*) ;;
    *) cli=$(command -v "$cli" 2>/dev/null) || fail "TIDEGATE_CLI=$TIDEGATE_CLI is not a command on PATH" ;;
  esac
  case "$cli" in /*) ;; *) cli="$PWD/$cli" ;; esac
  if [ ! -f "$cli" ] || [ ! -x "$cli" ]; then fail "TIDEGATE_CLI=$TIDEGATE_CLI is not an executable file"; fi
  have=$(version_of "$cli")
  [ -n "$have" ] || fail "TIDEGATE_CLI=$TIDEGATE_CLI does not answer --version like tidegate"
  if [ "$have" != "$1" ]; then
    echo "tidegate: warning: TIDEGATE_CLI is tidegate $have, not the pinned $1; using it as set" >&2
  fi
  echo "tidegate: using TIDEGATE_CLI ($cli, tidegate $have)" >&2
  printf '%s\n' "$cli"
}

check_node() {
  command -v node >/dev/null 2>&1 || fail "the tidegate CLI needs Node.js 20 or newer on the agent's PATH"
  major=$(node -p 'process.versions.node.split(".")[0]')
  [ "$major" -ge 20 ] || fail "the tidegate CLI needs Node.js 20 or newer; this agent has $(node --version)"
}

# Writes $1/bin/tidegate, a launcher for the script $2 (relative to $1), so the directory can be
# moved into place after it is verified.
write_launcher() {
  mkdir -p "$1/bin"
  # shellcheck disable=SC2016 # $0 and $@ are the launcher's own, expanded when it runs
  printf '#!/bin/sh\nexec node "$(dirname "$0")/../%s" "$@"\n' "$2" >"$1/bin/tidegate"
  chmod +x "$1/bin/tidegate"
}

install_npm() {
  echo "tidegate: npm install @tidegate/cli@$2 into $1" >&2
  npm install --prefix "$1/npm" --no-save --no-audit --no-fund --loglevel=error "@tidegate/cli@$2" >&2 ||
    fail "npm could not install @tidegate/cli@$2"
  write_launcher "$1" npm/node_modules/@tidegate/cli/bin/tidegate.js
}

install_bundle() {
  url="$TIDEGATE_CLI_BUNDLE_URL"
  mkdir -p "$1/lib"
  echo "tidegate: downloading the tidegate $2 bundle from $url" >&2
  # .mjs: the bundle is an ES module, and no package.json beside it says so
  case "$url" in
    http://* | https://*) curl -fsSL --retry 3 -o "$1/lib/tidegate.mjs" "$url" >&2 ;;
    file://*) cp "${url#file://}" "$1/lib/tidegate.mjs" ;;
    file:*) cp "${url#file:}" "$1/lib/tidegate.mjs" ;;
    *) cp "$url" "$1/lib/tidegate.mjs" ;;
  esac || fail "could not download $url"
  if [ -n "${TIDEGATE_CLI_BUNDLE_SHA256:-}" ]; then
    sum=$(sha256sum "$1/lib/tidegate.mjs" | cut -d' ' -f1)
    [ "$sum" = "$TIDEGATE_CLI_BUNDLE_SHA256" ] ||
      fail "$url has SHA-256 $sum, not the expected $TIDEGATE_CLI_BUNDLE_SHA256"
  fi
  write_launcher "$1" lib/tidegate.mjs
}

main() {
  version="${TIDEGATE_CLI_VERSION:-}"
  echo "$version" | grep -Eq '^[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.-]+)?$' ||
    fail "TIDEGATE_CLI_VERSION '$version' is not a pinned version (X.Y.Z)"
  if [ -n "${TIDEGATE_CLI:-}" ]; then
    use_given_cli "$version"
    return
  fi
  root="${TIDEGATE_CLI_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/tidegate}"
  dir="$root/cli-$version"
  if [ "$(version_of "$dir/bin/tidegate")" = "$version" ]; then
    echo "tidegate: reusing tidegate $version from $dir" >&2
    printf '%s\n' "$dir/bin/tidegate"
    return
  fi
  check_node
  # install beside the final place, verify, then move: a concurrent build on the same agent
  # never sees half an install
  mkdir -p "$root"
  tmp=$(mktemp -d "$root/.cli-$version.XXXXXX")
  trap 'rm -rf "$tmp"' EXIT
  if [ -n "${TIDEGATE_CLI_BUNDLE_URL:-}" ]; then
    install_bundle "$tmp" "$version"
  else
    install_npm "$tmp" "$version"
  fi
  have=$(version_of "$tmp/bin/tidegate")
  [ "$have" = "$version" ] ||
    fail "the installed CLI reports version '${have:-none}', not the pinned $version"
  if [ "$(version_of "$dir/bin/tidegate")" != "$version" ]; then
    rm -rf "$dir"
    # a concurrent build may have moved its own install in first: then that one is used
    mv "$tmp" "$dir" || [ "$(version_of "$dir/bin/tidegate")" = "$version" ] ||
      fail "could not move the CLI into $dir"
  fi
  echo "tidegate: installed tidegate $version in $dir" >&2
  printf '%s\n' "$dir/bin/tidegate"
}

main
