#!/usr/bin/env bash
# Benchmark of `vnext_validation_report --format=json --sample-size=1000 --full --output-ids FILE`
# on 1,000,000 mapped pairs with 5,000,000 memberships a side (seed_scale), twice: a database where
# nothing differs ("clean") and one with 10,000 drifted pairs spread over every chunk of ids
# ("drift", 18 kinds of drift). Every run is checked: the full verification's counts per kind must
# equal what seed_scale planted (and 0 for every other kind), and the ids file must have one line
# per drifted item.
#
#   bench/verify.sh [RUNS]             default 5 timed runs per database (after one warm-up run)
#
# A throwaway PostgreSQL 15 cluster in $BENCH_DIR (default /tmp/deltacrown-bench-verify) on
# $BENCH_PORT (default 55434), Debian's /usr/lib/postgresql/15/bin, stopped at the end; its data
# stays, so a second run skips the seeding (about 5 minutes per database on 2 idle cores). Times
# come from /usr/bin/time -v (whole process: JVM start, Spring context, report, full verification).
#
# Two ways of starting the same build, each timed on both databases:
#   jar       java $JAVA_OPTS -jar deltacrown.jar ... (full Spring Boot context, no start-up cache)
#   launcher  ./deltacrown ... (what an operator runs: the light CLI context, the unpacked jar and
#             the JDK AOT cache the launcher records once per build, docs/adr/0027)
#
# Output, per database and start: one line per run, then a check line:
#   start     run   wall s  peak RSS MB  report s  full s  drifted  ids lines
#   launcher  1       7.41          241      3.01    2.92        0          0
#   check clean: drift_pairs as seeded (every kind 0), ids file as counted: OK
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-5}"
# shellcheck source=drift-databases.sh
source "$ROOT/bench/drift-databases.sh"
seed clean
seed drift "${DRIFT_OPTIONS[@]}"

echo "JAVA_OPTS=$JAVA_OPTS"
echo "java: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
echo "postgres: $(psql "$(url clean)" -tAc "SHOW server_version")"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"

measure() {
  local db="$1" start="$2"
  export DATABASE_URL
  DATABASE_URL="$(url "$db")"
  psql "$DATABASE_URL" -tAc "SELECT '$db: vNext teams ' || (SELECT count(*) FROM organizations_team)
      || ', legacy teams ' || (SELECT count(*) FROM teams_team)
      || ', vNext memberships ' || (SELECT count(*) FROM organizations_membership)
      || ', legacy memberships ' || (SELECT count(*) FROM teams_teammembership)"
  local arguments=(vnext_validation_report --format=json --sample-size=1000 --full --output-ids "$BENCH_DIR/$db.ids")
  local command=("$JAVA_HOME/bin/java" $JAVA_OPTS -jar "$JAR" "${arguments[@]}")
  if [[ "$start" == launcher ]]; then
    command=(env JAVA_OPTS=-Xmx256m "$ROOT/deltacrown" "${arguments[@]}")
  fi
  "${command[@]}" >/dev/null 2>&1
  printf '%-9s %-5s %7s %12s %9s %7s %8s %10s\n' start run "wall s" "peak RSS MB" "report s" "full s" drifted "ids lines"
  for i in $(seq 1 "$RUNS"); do
    /usr/bin/time -v -o "$BENCH_DIR/time.txt" "${command[@]}" >"$BENCH_DIR/$db.json" 2>/dev/null
    python3 - "$BENCH_DIR" "$db" "$i" "$start" <<'PY'
import json, re, sys
bench, db, run, start = sys.argv[1:]
time = open(f"{bench}/time.txt").read()
wall = re.search(r"Elapsed \(wall clock\) time.*: (.*)", time).group(1).split(":")
seconds = sum(float(part) * 60 ** (len(wall) - 1 - i) for i, part in enumerate(wall))
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", time).group(1)) / 1024
report = json.load(open(f"{bench}/{db}.json"))
full = report["full_verification"]
lines = [l for l in open(f"{bench}/{db}.ids", encoding="utf-8") if not l.startswith("#")]
print(f"{start:<9} {run:<5} {seconds:7.2f} {rss:12.0f} {report['meta']['execution_time_seconds']:9.2f} "
      f"{full['execution_time_seconds']:7.2f} {full['drifted_pairs']:8d} {len(lines):10d}")
PY
  done
  python3 - "$BENCH_DIR" "$db" <<'PY'
import json, sys
bench, db = sys.argv[1:]
expected = {}
for line in open(f"{bench}/seed-{db}.txt"):
    line = line.strip()
    if line.startswith("full_verification.drift_pairs."):
        kind, count = line[len("full_verification.drift_pairs."):].split("=")
        expected[kind] = int(count)
full = json.load(open(f"{bench}/{db}.json"))["full_verification"]
found = full["drift_pairs"]
wrong = {k: (found.get(k), expected.get(k, 0)) for k in set(found) | set(expected) if found.get(k, 0) != expected.get(k, 0)}
lines = [l for l in open(f"{bench}/{db}.ids", encoding="utf-8") if not l.startswith("#")]
ok = not wrong and len(lines) == sum(found.values())
print(f"check {db}: drift_pairs as seeded ({sum(expected.values())} pairs, other kinds 0), ids file as counted:"
      f" {'OK' if ok else 'WRONG ' + str(wrong)}")
PY
}
for start in jar launcher; do
  measure clean "$start"
  measure drift "$start"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
