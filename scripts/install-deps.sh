#!/usr/bin/env bash
# Installs the Debian packages the test suite uses as real components (no mocks):
# umoci/skopeo build and convert images, debootstrap makes a real Debian rootfs,
# docker-registry is a real OCI registry on loopback, podman serves the Docker Engine API,
# rpm writes real rpm databases, bats/shellcheck test the orb scripts, groovy the Jenkins step,
# xmllint (libxml2-utils) validates the JUnit report against JUnit.xsd, buildah commits images
# whose history a Dockerfile cannot write, db5.3_load (db5.3-util) writes Berkeley DB rpm
# databases, go (golang-go) builds real Go binaries, jar (openjdk-17-jdk-headless) and zip build
# real jars, postgresql is the inventory's server store, sqlite3 holds a reader open while rpm
# writes (the WAL test), curl fetches a pinned CLI bundle in install.sh.
# With CI=true a test whose program is missing fails instead of skipping (test/helpers/tools.ts).
# Debian's groovy script runs /usr/lib/jvm/default-java/bin/java, a link only default-jre-headless
# makes: with openjdk-17-jre-headless alone it stops at "JAVA_HOME is not defined correctly".
set -euo pipefail

packages=(
  ca-certificates umoci skopeo debootstrap docker-registry podman rpm zstd
  bats shellcheck groovy openjdk-17-jre-headless default-jre-headless apache2-utils openssl
  libxml2-utils buildah db5.3-util golang-go zip unzip openjdk-17-jdk-headless postgresql
  sqlite3 curl
)

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi
}

export DEBIAN_FRONTEND=noninteractive
as_root apt-get update
as_root apt-get install -y --no-install-recommends "${packages[@]}"
