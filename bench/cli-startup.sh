#!/usr/bin/env bash
# Start-up of the operator commands, whole process (JVM start, context, database, output), measured
# with hyperfine against a running `serve` (embedded PostgreSQL, which every command attaches to):
#   before: the jar of BASELINE (default: the commit before issue 12's CLI work) run as the old
#           launcher ran it: java -jar <copy>.jar <command> (full Spring Boot context);
#   after:  ./deltacrown <command> (light CLI context, C1 + serial GC, unpacked jar, AOT cache).
# Usage: bench/cli-startup.sh [runs, default 10] [BASELINE revision, default 22d98ec]
# Prints a markdown table (median and min-max seconds per command and variant, and after/before)
# for bench/RESULTS.md; hyperfine's JSON goes to bench/results/cli-startup-<time>-*.json.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
RUNS="${1:-10}"
BASELINE="${2:-22d98ec}"
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }

source scripts/jdk.sh
JAVA_HOME="$(newest_jdk)"
export JAVA_HOME
MAVEN_OPTS="${MAVEN_OPTS:-} $(quiet_maven_opts "$JAVA_HOME")"
export MAVEN_OPTS

WORK="$(mktemp -d /tmp/deltacrown-cli-bench.XXXXXX)"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p bench/results
export DELTACROWN_DATA_DIR="$WORK/data"
export PORT="${BENCH_PORT:-18189}"
unset DATABASE_URL

echo "building the baseline jar ($BASELINE)..." >&2
mkdir -p "$WORK/baseline"
git archive "$BASELINE" | tar -x -C "$WORK/baseline"
(cd "$WORK/baseline" && mvn -q -B -DskipTests package >&2)
cp "$WORK/baseline/target/deltacrown.jar" "$WORK/before.jar"
echo "building this checkout..." >&2
./deltacrown --version >/dev/null

SERVE_PID=""
cleanup() {
  [[ -n "$SERVE_PID" ]] && kill "$SERVE_PID" 2>/dev/null && wait "$SERVE_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
trap "exit 143" INT TERM
./deltacrown serve > "$WORK/serve.log" 2>&1 &
SERVE_PID=$!
for _ in $(seq 1 240); do
  curl -sf "localhost:$PORT/health/" >/dev/null 2>&1 && break
  sleep 0.5
done
./deltacrown flags >/dev/null   # records the AOT cache (once per build), not timed

BEFORE="$JAVA_HOME/bin/java -jar $WORK/before.jar"
echo "| command | before (s, median, min-max) | after (s, median, min-max) | after/before |"
echo "|---|---|---|---|"
for cmd in "flags" "rollback status" "outbox" "vnext_validation_report" "flags history" "--help"; do
  out="bench/results/cli-startup-$STAMP-${cmd// /_}.json"
  hyperfine -N --warmup 1 --runs "$RUNS" --export-json "$out" \
    -n before "$BEFORE $cmd" -n after "./deltacrown $cmd" >/dev/null 2>&1
  python3 - "$out" "$cmd" <<'PY'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
b, a = results["before"], results["after"]
cell = lambda r: f'{r["median"]:.2f} ({r["min"]:.2f}-{r["max"]:.2f})'
print(f'| `{sys.argv[2]}` | {cell(b)} | {cell(a)} | {a["median"] / b["median"]:.2f} |')
PY
done
echo
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
