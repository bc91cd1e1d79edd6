#!/usr/bin/env bash
# Chaos run (RELIABILITY.md, docs/adr/0029): three `serve` instances on one PostgreSQL 15 started
# here, a mixed burst of writes from several owners and organisations, and during it kill -9 of
# serving instances (each restarted at once), PostgreSQL restarts (immediate, then fast), the
# shadow writer's legacy privileges revoked then restored, runtime flips of dual-write and strict
# mode; then the history checker. Before the burst: flag propagation, N flips timed on every
# instance. Everything on 127.0.0.1; the run stops by itself (--deadline-seconds).
#
# Usage: bench/chaos.sh [--kills 200] [--pg-restarts 2] [--seconds 600] [--revoke-seconds 60]
#                       [--writers 8] [--propagation-flips 100] [--no-flag-flips] [--seed N]
# Prints the figures (one "name value" line each, then the checker's violations per category) and
# writes them with the instances' last logs to bench/results/chaos-<time>/. Exit 0 when nothing
# was lost, duplicated, partial or left PENDING/BLOCKED; 1 otherwise; 2 on a usage error.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/jdk.sh
JAVA_HOME="$(newest_jdk)"
export JAVA_HOME
MAVEN_OPTS="$(quiet_maven_opts "$JAVA_HOME")"
export MAVEN_OPTS

if [[ ! -x /usr/lib/postgresql/15/bin/initdb ]]; then
  echo "chaos: needs PostgreSQL 15's server binaries (apt-get install postgresql-15)" >&2
  exit 2
fi

./mvnw -q -DskipTests test-compile
./mvnw -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/chaos.classpath >/dev/null

# The instances run from a copy: a rebuild in this checkout during the run changes nothing under them.
RUN="$(mktemp -d /tmp/deltacrown-chaos.XXXXXX)"
trap 'rm -rf "$RUN"' EXIT
cp -r target/classes "$RUN/classes"
cp -r target/test-classes "$RUN/test-classes"
OUT="bench/results/chaos-$(date -u +%Y%m%dT%H%M%SZ)"
echo "chaos: load average $(cut -d' ' -f1-3 /proc/loadavg) at start; results in $OUT" >&2
"$JAVA_HOME/bin/java" -cp "$RUN/test-classes:$RUN/classes:$(cat target/chaos.classpath)" \
  gg.deltacrown.chaos.ChaosHarness --out "$OUT" "$@"
