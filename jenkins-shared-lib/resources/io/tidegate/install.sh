#!/bin/sh
# Installs the pinned tidegate CLI, verified, or reuses it, and prints the path of the executable
# on stdout: the only line it prints there (progress goes to stderr). One script for both
# integrations: the Jenkins step loads it with libraryResource; the CircleCI orb's install command
# includes it (orbs/tidegate/src/scripts/install.sh is a link to this file). POSIX sh, any agent.
#
# Nothing is installed unverified (docs/adr/0015-distribution-and-integrity.md):
#   bundle  the single-file CLI (tidegate.mjs) from TIDEGATE_CLI_BUNDLE_URL (http, https, file:
#           URL or a path; default the GitHub release asset of the version), checked against
#           TIDEGATE_CLI_BUNDLE_SHA256 (required)
#   npm     the @tidegate/cli tarball fetched with `npm pack` (npm's own configuration picks the
#           registry: npm_config_registry, .npmrc), checked against TIDEGATE_CLI_NPM_INTEGRITY
#           (npm's sha512 integrity, required) before it is unpacked; it has no dependencies
#   TIDEGATE_CLI set: an executable already there (an executor or agent image), no install
# Variables:
#   TIDEGATE_CLI_VERSION   the pinned version, X.Y.Z; `tidegate --version` must agree
#   TIDEGATE_CLI_SOURCE    bundle (default) or npm
#   TIDEGATE_CLI_PACKAGE   npm package spec (default @tidegate/cli@VERSION)
#   TIDEGATE_CLI_DIR       where versions are installed, one directory each
#                          (default ${XDG_CACHE_HOME:-$HOME/.cache}/tidegate; a leading ~ is $HOME)
# With BASH_ENV set (CircleCI), the CLI's bin directory is also put on PATH for later steps.
# A value with a $VARIABLE is expanded with `circleci env subst` where that exists (never eval).
# Exit 2 with one `tidegate: error: ...` line on stderr when it cannot.
set -eu

fail() {
  echo "tidegate: error: $*" >&2
  exit 2
}

# A parameter value with $VARIABLES expanded the way CircleCI documents for orbs (never eval).
expand() {
  case "$1" in
    *'$'*) if command -v circleci >/dev/null 2>&1; then circleci env subst "$1"; else printf '%s' "$1"; fi ;;
    *) printf '%s' "$1" ;;
  esac
}

# The version `$1 --version` reports (`tidegate 0.1.0` → 0.1.0), or nothing.
version_of() {
  "$1" --version 2>/dev/null | sed -n 's/^tidegate //p' | head -n 1 || true
}

sha256_of() {
  sha256sum "$1" | cut -d' ' -f1
}

# npm's integrity string of a file: sha512- and the base64 of its SHA-512.
integrity_of() {
  node -e 'const c=require("crypto"),f=require("fs");process.stdout.write("sha512-"+c.createHash("sha512").update(f.readFileSync(process.argv[1])).digest("base64"))' "$1"
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
  command -v node >/dev/null 2>&1 || fail "the tidegate CLI needs Node.js 20 or newer on PATH"
  major=$(node -p 'process.versions.node.split(".")[0]')
  [ "$major" -ge 20 ] || fail "the tidegate CLI needs Node.js 20 or newer; this machine has $(node --version)"
}

# Writes $1/bin/tidegate, a launcher for the script $2 (relative to $1), so the directory can be
# moved into place after it is verified.
write_launcher() {
  mkdir -p "$1/bin"
  # shellcheck disable=SC2016 # $0 and $@ are the launcher's own, expanded when it runs
  printf '#!/bin/sh\nexec node "$(dirname "$0")/../%s" "$@"\n' "$2" >"$1/bin/tidegate"
  chmod +x "$1/bin/tidegate"
}

install_bundle() {
  url=$(expand "${TIDEGATE_CLI_BUNDLE_URL:-https://github.com/tidegate/tidegate/releases/download/v$2/tidegate.mjs}")
  want="${TIDEGATE_CLI_BUNDLE_SHA256:-}"
  echo "$want" | grep -Eq '^[0-9a-f]{64}$' ||
    fail "no SHA-256 pinned for the bundle ($url): an unverified download is never installed"
  mkdir -p "$1/lib"
  echo "tidegate: fetching the tidegate $2 bundle from $url" >&2
  # .mjs: the bundle is an ES module, and no package.json beside it says so
  case "$url" in
    http://* | https://*) curl -fsSL --retry 3 -o "$1/lib/tidegate.mjs" "$url" >&2 ;;
    file://*) cp "${url#file://}" "$1/lib/tidegate.mjs" ;;
    file:*) cp "${url#file:}" "$1/lib/tidegate.mjs" ;;
    *) cp "$url" "$1/lib/tidegate.mjs" ;;
  esac || fail "could not fetch $url"
  sum=$(sha256_of "$1/lib/tidegate.mjs")
  [ "$sum" = "$want" ] || fail "$url has SHA-256 $sum, not the pinned $want: refused"
  write_launcher "$1" lib/tidegate.mjs
}

install_npm() {
  spec=$(expand "${TIDEGATE_CLI_PACKAGE:-@tidegate/cli@$2}")
  want="${TIDEGATE_CLI_NPM_INTEGRITY:-}"
  case "$want" in sha512-?*) ;; *) fail "no sha512 integrity pinned for $spec: an unverified package is never installed" ;; esac
  mkdir -p "$1/npm"
  echo "tidegate: npm pack $spec${npm_config_registry:+ from $npm_config_registry}" >&2
  # npm checks the tarball against the registry's own integrity; the pin checks the registry
  tgz=$(cd "$1/npm" && npm pack --silent --no-fund --no-audit "$spec" | tail -n 1) ||
    fail "npm could not fetch $spec"
  [ -f "$1/npm/$tgz" ] || fail "npm could not fetch $spec"
  got=$(integrity_of "$1/npm/$tgz")
  [ "$got" = "$want" ] || fail "$spec has integrity $got, not the pinned $want: refused"
  tar -xzf "$1/npm/$tgz" -C "$1/npm" || fail "could not unpack $tgz"
  [ -f "$1/npm/package/tidegate.mjs" ] || fail "$spec holds no tidegate.mjs: not the tidegate CLI package"
  write_launcher "$1" npm/package/tidegate.mjs
}

# Puts the CLI on PATH for the later steps of a CircleCI job (BASH_ENV is sourced by each).
export_path() {
  [ -n "${BASH_ENV:-}" ] || return 0
  # shellcheck disable=SC2016 # $PATH is meant to expand later, when $BASH_ENV is sourced
  printf 'export PATH="%s:$PATH"\n' "$(dirname "$1")" >>"$BASH_ENV"
}

main() {
  version="${TIDEGATE_CLI_VERSION:-}"
  echo "$version" | grep -Eq '^[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.-]+)?$' ||
    fail "TIDEGATE_CLI_VERSION '$version' is not a pinned version (X.Y.Z)"
  if [ -n "${TIDEGATE_CLI:-}" ]; then
    cli=$(use_given_cli "$version")
    export_path "$cli"
    printf '%s\n' "$cli"
    return
  fi
  source="${TIDEGATE_CLI_SOURCE:-bundle}"
  case "$source" in bundle | npm) ;; *) fail "source '$source' is neither bundle nor npm" ;; esac
  root=$(expand "${TIDEGATE_CLI_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/tidegate}")
  # shellcheck disable=SC2088 # a literal ~ from a parameter, made the home directory here
  case "$root" in "~" | "~/"*) root="$HOME${root#\~}" ;; esac
  dir="$root/cli-$version-$source"
  check_node
  if [ "$(version_of "$dir/bin/tidegate")" = "$version" ] && verified "$dir" "$source"; then
    echo "tidegate: reusing tidegate $version from $dir" >&2
  else
    # install beside the final place, verify, then move: a concurrent build on the same machine
    # never sees half an install
    mkdir -p "$root"
    tmp=$(mktemp -d "$root/.cli-$version.XXXXXX")
    trap 'rm -rf "$tmp"' EXIT
    "install_$source" "$tmp" "$version"
    have=$(version_of "$tmp/bin/tidegate")
    [ "$have" = "$version" ] || fail "the installed CLI reports version '${have:-none}', not the pinned $version"
    rm -rf "$dir"
    # a concurrent build may have moved its own install in first: then that one is used
    mv "$tmp" "$dir" 2>/dev/null || [ "$(version_of "$dir/bin/tidegate")" = "$version" ] ||
      fail "could not move the CLI into $dir"
    echo "tidegate: installed tidegate $version in $dir" >&2
  fi
  export_path "$dir/bin/tidegate"
  printf '%s\n' "$dir/bin/tidegate"
}

# A reused install (a restored cache, an earlier build) is checked against the pins again.
verified() {
  case "$2" in
    bundle) [ "$(sha256_of "$1/lib/tidegate.mjs" 2>/dev/null)" = "${TIDEGATE_CLI_BUNDLE_SHA256:-}" ] ;;
    npm) for t in "$1"/npm/*.tgz; do [ "$(integrity_of "$t" 2>/dev/null)" = "${TIDEGATE_CLI_NPM_INTEGRITY:-}" ] && return 0; done; return 1 ;;
  esac
}

main
