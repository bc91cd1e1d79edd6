#!/usr/bin/env bash
# Benchmark of `backfill --format json` on a database of 1,000,000 unmapped legacy teams with
# 5,000,000 memberships (seed_scale --teams 0 --legacy-only-teams N, a user per membership of a game), then the report right after
# it (`vnext_validation_report --format=json --full`), which must find 100 % coverage, 0 orphan
# mappings and 0 drifted pairs. Every run starts from a fresh copy of the seeded database.
#
#   bench/backfill.sh [RUNS]          default 1 timed run; BENCH_TEAMS=N for another size,
#                                     BACKFILL_OPTIONS="--workers 2 --batch-size 5000" to vary it
#   BACKFILL_KILL_AFTER=random bench/backfill.sh
#                                     each run is first started and killed with SIGKILL after that
#                                     many seconds (random: 30-120), then the timed run resumes it;
#                                     prints what the kill left and checks that the rerun redid
#                                     nothing the killed run had committed
#
# A throwaway PostgreSQL 15 cluster in $BENCH_DIR (default /tmp/deltacrown-bench-backfill) on
# $BENCH_PORT (default 55436), Debian's /usr/lib/postgresql/15/bin, stopped at the end; its data
# stays, so a second run skips the seeding. Times come from /usr/bin/time -v (whole process: JVM
# start, Spring context, backfill).
#
# Output: one line per run, then a check line per run:
#   run   wall s  peak RSS MB  backfill s  teams created  rows written  rows/s  coverage %  orphans  drifted
#   1      61.20          310       58.90        1000000       7000000  118846      100.00        0        0
#   check 1: every legacy team mapped, report 100 % / 0 orphans / 0 drift: OK
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-1}"
BENCH_DIR="${BENCH_DIR:-/tmp/deltacrown-bench-backfill}"
BENCH_PORT="${BENCH_PORT:-55436}"
PGBIN=/usr/lib/postgresql/15/bin
JAVA_OPTS="${JAVA_OPTS:--Xmx256m -XX:+UseSerialGC}"
TEAMS="${BENCH_TEAMS:-1000000}"
read -r -a OPTIONS <<< "${BACKFILL_OPTIONS:-}"

# shellcheck source=../scripts/jdk.sh
source "$ROOT/scripts/jdk.sh"
JAVA_HOME="$(newest_jdk)"
export JAVA_HOME
mkdir -p "$BENCH_DIR"
if [[ ! -d "$BENCH_DIR/pgdata" ]]; then
  chmod 777 "$BENCH_DIR"
  unshare -U "$PGBIN/initdb" -D "$BENCH_DIR/pgdata" -U postgres -A trust >/dev/null
  cat >> "$BENCH_DIR/pgdata/postgresql.conf" <<'CONF'
shared_buffers = 1GB
work_mem = 64MB
maintenance_work_mem = 512MB
effective_cache_size = 4GB
max_wal_size = 8GB
checkpoint_timeout = 30min
CONF
fi
if ! unshare -U "$PGBIN/pg_ctl" -D "$BENCH_DIR/pgdata" status >/dev/null 2>&1; then
  unshare -U "$PGBIN/pg_ctl" -D "$BENCH_DIR/pgdata" -o "-h 127.0.0.1 -p $BENCH_PORT -k $BENCH_DIR" \
      -l "$BENCH_DIR/server.log" -w start >/dev/null
  trap 'unshare -U "$PGBIN/pg_ctl" -D "$BENCH_DIR/pgdata" -m fast -w stop >/dev/null' EXIT
fi
url() { echo "postgres://postgres@127.0.0.1:$BENCH_PORT/$1"; }
sql() { psql -q -h 127.0.0.1 -p "$BENCH_PORT" -U postgres -tAc "$1"; }

# One build, run from a copy (never from target/, which a later build replaces).
(cd "$ROOT" && ./mvnw -q -B -DskipTests -Dspotless.check.skip=true package >&2)
JAR="$BENCH_DIR/deltacrown.jar"
cp "$ROOT/target/deltacrown.jar" "$JAR"

SEEDED="seeded_$TEAMS"
if [[ ! -f "$BENCH_DIR/seed-$SEEDED.txt" ]]; then
  sql "DROP DATABASE IF EXISTS $SEEDED"
  sql "CREATE DATABASE $SEEDED"
  echo "bench: seeding $SEEDED..." >&2
  DATABASE_URL="$(url "$SEEDED")" "$JAVA_HOME/bin/java" -jar "$JAR" seed_scale --teams 0 \
      --legacy-only-teams "$TEAMS" --members-per-team 5 \
      --users "$(( (TEAMS * 5 + 3) / 4 ))" > "$BENCH_DIR/seed-$SEEDED.txt.partial"
  psql -q "$(url "$SEEDED")" -c "VACUUM ANALYZE"
  mv "$BENCH_DIR/seed-$SEEDED.txt.partial" "$BENCH_DIR/seed-$SEEDED.txt"
fi

echo "JAVA_OPTS=$JAVA_OPTS backfill ${OPTIONS[*]:-}"
echo "java: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
echo "postgres: $(sql "SHOW server_version")"
echo "legacy teams: $(psql -q "$(url "$SEEDED")" -tAc "SELECT count(*) FROM teams_team"), legacy memberships: $(
    psql -q "$(url "$SEEDED")" -tAc "SELECT count(*) FROM teams_teammembership")"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-5s %7s %12s %11s %14s %13s %7s %11s %8s %8s\n' run "wall s" "peak RSS MB" "backfill s" \
    "teams created" "rows written" "rows/s" "coverage %" orphans drifted
for i in $(seq 1 "$RUNS"); do
  sql "DROP DATABASE IF EXISTS backfill_run"
  # FILE_COPY, not PostgreSQL 15's default WAL_LOG: a WAL_LOG copy writes the whole 4.4 GB database
  # into the WAL just before the run, so a checkpoint started 30 s into every backfill and the
  # full-page images after it made the run's figure depend on where that checkpoint fell
  # (143-186 s for the same build, bench/RESULTS.md). A live database has no such copy behind it.
  sql "CREATE DATABASE backfill_run TEMPLATE $SEEDED STRATEGY FILE_COPY"
  sql "CHECKPOINT"
  export DATABASE_URL
  DATABASE_URL="$(url backfill_run)"
  committed=0
  if [[ -n "${BACKFILL_KILL_AFTER:-}" ]]; then
    after="$BACKFILL_KILL_AFTER"
    [[ "$after" == random ]] && after=$(( RANDOM % 91 + 30 ))
    "$JAVA_HOME/bin/java" $JAVA_OPTS -jar "$JAR" backfill --format json "${OPTIONS[@]}" \
        >/dev/null 2>"$BENCH_DIR/backfill-killed.err" &
    killed=$!
    sleep "$after"
    kill -9 "$killed"
    wait "$killed" 2>/dev/null || true
    run_sql() { psql -q -tA "$DATABASE_URL" -c "$1"; }
    committed="$(run_sql "SELECT count(*) FROM organizations_migration_map")"
    echo "kill -9 after ${after} s: $committed map rows committed; run row: $(run_sql "SELECT status || ', '
        || batches || ' batches, ' || teams_created || ' teams, cursor ' || last_legacy_team_id
        FROM organizations_backfill_run")"
  fi
  /usr/bin/time -v -o "$BENCH_DIR/time.txt" "$JAVA_HOME/bin/java" $JAVA_OPTS -jar "$JAR" backfill --format json \
      "${OPTIONS[@]}" >"$BENCH_DIR/backfill.json" 2>"$BENCH_DIR/backfill.err"
  "$JAVA_HOME/bin/java" $JAVA_OPTS -jar "$JAR" vnext_validation_report --format=json --full \
      >"$BENCH_DIR/report.json" 2>/dev/null || true
  python3 - "$BENCH_DIR" "$i" "$TEAMS" "$committed" <<'PY'
import json, re, sys
bench, run, teams, committed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
time = open(f"{bench}/time.txt").read()
wall = re.search(r"Elapsed \(wall clock\) time.*: (.*)", time).group(1).split(":")
seconds = sum(float(part) * 60 ** (len(wall) - 1 - i) for i, part in enumerate(wall))
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", time).group(1)) / 1024
b = json.load(open(f"{bench}/backfill.json"))
r = json.load(open(f"{bench}/report.json"))
coverage = float(r["coverage"]["mapping_percentage"])
orphans = r["mapping_health"]["orphan_count"]
drifted = r["full_verification"]["drifted_pairs"]
print(f"{run:<5} {seconds:7.2f} {rss:12.0f} {b['elapsed_seconds']:11.2f} {b['teams_created']:14d} "
      f"{b['rows_written']:13d} {b['rows_per_second']:7d} {coverage:11.2f} {orphans:8d} {drifted:8d}")
ok = b["teams_created"] == teams - committed and coverage == 100.0 and orphans == 0 and drifted == 0
resumed = f", the rerun created exactly the {teams - committed} the killed run had not committed" if committed else ""
print(f"check {run}: every legacy team mapped{resumed}, report 100 % / 0 orphans / 0 drift: {'OK' if ok else 'WRONG'}")
PY
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
