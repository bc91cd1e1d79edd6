#!/usr/bin/env bash
# Benchmark of `repair --ids FILE --format json` on the 10,000 drifted pairs (18 kinds) of
# bench/verify.sh's "drift" database (1,000,000 mapped pairs, 5,000,000 memberships a side): each
# run repairs a fresh copy (CREATE DATABASE ... TEMPLATE drift), the ids file written by the full
# verification of that copy; then the full verification runs again and must find 0 drifted pairs.
#
#   bench/repair.sh [RUNS]             default 2 timed runs per start
#   REPAIR_OPTIONS="--batch-size 2000" bench/repair.sh 1
#
# Same cluster and seed as bench/verify.sh (bench/drift-databases.sh: BENCH_DIR, BENCH_PORT,
# JAVA_OPTS); seeds the drift database when it is missing (about 5 minutes). Times come from
# /usr/bin/time -v (whole process), for both starts of the same build: `java -jar` and the
# launcher `./deltacrown` (docs/adr/0027).
#
# Output: one line per run, then the check of that run:
#   start     run   wall s  peak RSS MB  repair s  batches  teams  verified  drifted after
#   launcher  1       9.10          240      6.52       20  10000     10000              0
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-2}"
read -r -a EXTRA <<<"${REPAIR_OPTIONS:-}"
# shellcheck source=drift-databases.sh
source "$ROOT/bench/drift-databases.sh"
seed drift "${DRIFT_OPTIONS[@]}"

echo "JAVA_OPTS=$JAVA_OPTS REPAIR_OPTIONS=${REPAIR_OPTIONS:-}"
echo "java: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"

RUN_DB=repair_run
verification() {
  DATABASE_URL="$(url "$RUN_DB")" "$JAVA_HOME/bin/java" $JAVA_OPTS -jar "$JAR" vnext_validation_report \
      --format=json --full --output-ids "$BENCH_DIR/repair.ids" 2>/dev/null
}

printf '%-9s %-5s %7s %12s %9s %8s %6s %9s %14s\n' start run "wall s" "peak RSS MB" "repair s" batches teams verified \
    "drifted after"
for start in jar launcher; do
  for i in $(seq 1 "$RUNS"); do
    psql -q -h 127.0.0.1 -p "$BENCH_PORT" -U postgres -c "DROP DATABASE IF EXISTS $RUN_DB" 2>/dev/null
    psql -q -h 127.0.0.1 -p "$BENCH_PORT" -U postgres -c "CREATE DATABASE $RUN_DB TEMPLATE drift"
    verification >"$BENCH_DIR/repair-before.json"
    arguments=(repair --ids "$BENCH_DIR/repair.ids" --format json "${EXTRA[@]}")
    command=("$JAVA_HOME/bin/java" $JAVA_OPTS -jar "$JAR" "${arguments[@]}")
    if [[ "$start" == launcher ]]; then
      command=(env JAVA_OPTS=-Xmx256m "$ROOT/deltacrown" "${arguments[@]}")
    fi
    DATABASE_URL="$(url "$RUN_DB")" /usr/bin/time -v -o "$BENCH_DIR/time.txt" "${command[@]}" \
        >"$BENCH_DIR/repair.json" 2>/dev/null
    verification >"$BENCH_DIR/repair-after.json"
    python3 - "$BENCH_DIR" "$start" "$i" <<'PY'
import json, re, sys
bench, start, run = sys.argv[1:]
time = open(f"{bench}/time.txt").read()
wall = re.search(r"Elapsed \(wall clock\) time.*: (.*)", time).group(1).split(":")
seconds = sum(float(part) * 60 ** (len(wall) - 1 - i) for i, part in enumerate(wall))
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", time).group(1)) / 1024
repair = json.load(open(f"{bench}/repair.json"))
before = json.load(open(f"{bench}/repair-before.json"))["full_verification"]
after = json.load(open(f"{bench}/repair-after.json"))["full_verification"]
print(f"{start:<9} {run:<5} {seconds:7.2f} {rss:12.0f} {repair['elapsed_seconds']:9.2f} {repair['batches']:8d} "
      f"{repair['teams']:6d} {repair['verified']:9d} {after['drifted_pairs']:14d}")
ok = before["drifted_pairs"] == 10000 and repair["verified"] == repair["teams"] and after["drifted_pairs"] == 0
print(f"check {start} {run}: {before['drifted_pairs']} drifted before, every repaired team verified, 0 after:"
      f" {'OK' if ok else 'WRONG ' + str(after['drift_pairs'])}")
PY
  done
done
psql -q -h 127.0.0.1 -p "$BENCH_PORT" -U postgres -c "DROP DATABASE IF EXISTS $RUN_DB"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
