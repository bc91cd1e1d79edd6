#!/usr/bin/env bash
# Runs every test, as CI does: installs what the tests need from apt (Chromium for the browser
# tests, PostgreSQL 15 server binaries for the external-database test), then `mvn verify`.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[[ -x /usr/lib/postgresql/15/bin/initdb ]] || missing+=(postgresql-15)
if (( ${#missing[@]} > 0 )); then
  echo "test: installing ${missing[*]} from apt..." >&2
  SUDO=""
  [[ "$(id -u)" == "0" ]] || SUDO="sudo"
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

# shellcheck source=scripts/jdk.sh
source "$ROOT/scripts/jdk.sh"
JAVA_HOME="$(newest_jdk)"
export JAVA_HOME
MAVEN_OPTS="${MAVEN_OPTS:-} $(quiet_maven_opts "$JAVA_HOME")"
export MAVEN_OPTS
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

exec ./mvnw -B verify "$@"
