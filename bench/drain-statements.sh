#!/usr/bin/env bash
# Where a dispatcher drain's PostgreSQL time goes, statement by statement: three backlogs of ROWS
# `sync_team_created` rows (one new vNext team with its owner each, as bench/dualwrite.sh's drain)
# drained one after the other by the same service (OUTBOX_WORKERS default 2) on a throwaway
# PostgreSQL 15 cluster (fsync off) with pg_stat_statements and auto_explain. Prints per drain the
# rate and the CPU per row (whole JVM, PostgreSQL); for the last drain the statements by total
# execution time (calls, ms, µs per drained row, rows); and the plans of every statement that took
# longer than BENCH_EXPLAIN_MS (default 3), grouped by statement and top plan node, with the JIT
# compilations among them. The first drain is a fresh JVM's; the last is the steady state.
#
#   bench/drain-statements.sh [ROWS]       default 20000
#
# Env: BENCH_PORT (8290), BENCH_PG_PORT (8291), BENCH_KEEP=1 keeps the cluster running at the end,
#      BENCH_EXISTING_PAIRS (0): mapped pairs seeded first (seed_scale, one member each).
# Used for docs/adr/0031; bench/dualwrite.sh stays the figure of record for the drain.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source bench/service.sh
ROWS="${1:-20000}"
PGBIN=/usr/lib/postgresql/15/bin
source scripts/jdk.sh
JAVA_HOME="$(newest_jdk)"
export JAVA_HOME
DATA="$(mktemp -d /tmp/deltacrown-drain.XXXXXX)"
chmod 777 "$DATA"
PG_PORT="${BENCH_PG_PORT:-8291}"
export PORT="${BENCH_PORT:-8290}"
BASE="http://localhost:$PORT"
export DELTACROWN_DATA_DIR="$DATA/service"
export DELTACROWN_SECRET_KEY="bench-secret-key-0123456789-abcdefghijklmnop"

unshare -U "$PGBIN/initdb" -D "$DATA/pgdata" -U postgres -A trust > /dev/null
cat >> "$DATA/pgdata/postgresql.conf" <<CONF
fsync = off
shared_buffers = 512MB
shared_preload_libraries = 'pg_stat_statements'
pg_stat_statements.track_utility = on
session_preload_libraries = 'auto_explain'
auto_explain.log_min_duration = '${BENCH_EXPLAIN_MS:-3}ms'
auto_explain.log_nested_statements = on
CONF
unshare -U "$PGBIN/pg_ctl" -D "$DATA/pgdata" -o "-h 127.0.0.1 -p $PG_PORT -k $DATA" -l "$DATA/pg.log" -w start > /dev/null
cleanup() {
  stop_service
  if [[ -n "${BENCH_KEEP:-}" ]]; then
    echo "kept: $DATA, PostgreSQL on port $PG_PORT" >&2
    return
  fi
  unshare -U "$PGBIN/pg_ctl" -D "$DATA/pgdata" -m fast -w stop > /dev/null 2>&1 || true
  rm -rf "$DATA"
}
trap cleanup EXIT
psql_() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d bench -v ON_ERROR_STOP=1 -q -t -A "$@"; }
psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -q -c "CREATE DATABASE bench"
export DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/bench"
source bench/pg-cpu.sh

start_service() { # label
  ./deltacrown serve > "$DATA/serve-$1.log" 2>&1 &
  SERVE_PID=$!
  for _ in $(seq 1 1200); do
    curl -sf "$BASE/health/" > /dev/null 2>&1 && return 0
    kill -0 "$SERVE_PID" 2> /dev/null || break
    sleep 0.5
  done
  echo "service did not start; see $DATA/serve-$1.log" >&2
  exit 1
}
cpu() { echo "$(awk '{print $14 + $15}' "/proc/$SERVE_PID/stat") $(pg_cpu_ticks "$(head -1 "$DATA/pgdata/postmaster.pid")")"; }
wait_for_outbox() {
  for _ in $(seq 1 2400); do
    [[ "$(psql_ -c "SELECT count(*) FROM organizations_dualwrite_outbox WHERE status = 'PENDING'")" == 0 ]] && return 0
    sleep 0.25
  done
  echo "outbox did not drain" >&2
  exit 1
}
drain() { # label name-prefix [command that makes the backlog due]
  local before after
  before="$(cpu)"
  [[ -n "${3:-}" ]] && "$3" "$2"
  wait_for_outbox
  after="$(cpu)"
  psql_ -F ' ' -c "
    SELECT count(*), count(*) FILTER (WHERE o.status = 'DONE'),
           round(extract(epoch FROM max(completed_at) - min(completed_at))::numeric, 2),
           round(count(*) / extract(epoch FROM max(completed_at) - min(completed_at)))
      FROM organizations_dualwrite_outbox o JOIN organizations_team t ON t.id = o.vnext_team_id
     WHERE t.name LIKE '$2 Team %'" | {
    read -r rows done seconds rate
    awk -v l="$1" -v r="$rows" -v d="$done" -v s="$seconds" -v q="$rate" -v b="$before" -v a="$after" 'BEGIN {
      split(b, x, " "); split(a, y, " ");
      printf "%-6s %d rows (%d DONE) in %s s: %d rows/s; CPU ms per row: JVM %.3f, PostgreSQL %.3f\n",
             l, r, d, s, q, (y[1] - x[1]) * 10 / r, (y[2] - x[2]) * 10 / r }'
  }
}

echo "bench: building (when sources changed) and filling three backlogs of $ROWS rows (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
./deltacrown --version > /dev/null
OUTBOX_WORKERS=0 start_service fill
psql_ -c "CREATE EXTENSION pg_stat_statements"
if [[ "${BENCH_EXISTING_PAIRS:-0}" != 0 ]]; then # mapped pairs already there, as bench/dualwrite.sh leaves them
  ./deltacrown seed_scale --teams "$BENCH_EXISTING_PAIRS" --members-per-team 1 > /dev/null
fi
backlog_teams First "$ROWS"
backlog_outbox First
backlog_teams Second "$ROWS"
backlog_teams Third "$ROWS"
stop_service
echo "bench: draining (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
start_service drain
drain first First
drain second Second backlog_outbox
psql_ -c "SELECT pg_stat_statements_reset()" > /dev/null
LOG_FROM="$(wc -c < "$DATA/pg.log")"
drain third Third backlog_outbox
stop_service

echo
echo "Statements of the third drain, by total execution time (µs per drained row):"
echo "calls | ms | us/row | rows | statement"
psql_ -F ' | ' -c "
  SELECT calls, round(total_exec_time::numeric), round((total_exec_time * 1000 / $ROWS)::numeric, 1), rows,
         left(regexp_replace(query, '\s+', ' ', 'g'), 100)
    FROM pg_stat_statements
   WHERE dbid = (SELECT oid FROM pg_database WHERE datname = 'bench') AND query NOT LIKE '%pg_stat_statements%'
   ORDER BY total_exec_time DESC LIMIT 20"
psql_ -c "
  SELECT 'all statements: ' || round(sum(total_exec_time)::numeric) || ' ms, ' || sum(calls) || ' calls'
    FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = 'bench')"
echo
echo "Statements of the third drain slower than ${BENCH_EXPLAIN_MS:-3} ms (auto_explain), by statement and top plan node:"
tail -c +"$((LOG_FROM + 1))" "$DATA/pg.log" | python3 -c '
import re, sys
groups = {}
for entry in re.split(r"\n(?=\S)", sys.stdin.read()):
    if "plan:" not in entry:
        continue
    text = re.search(r"Query Text: (.*?)\n\t\n", entry, re.S)
    if not text:
        continue
    plan = [line.strip() for line in entry[text.end():].split("\n") if line.strip()]
    node = " > ".join(re.sub(r"\s*\(cost=[^)]*\)", "", line).lstrip("-> ") for line in plan[:3] if "cost=" in line)
    key = (" ".join(text.group(1).split())[:90], node[:110])
    group = groups.setdefault(key, [0, 0.0, 0])
    group[0] += 1
    group[1] += float(re.search(r"duration: ([\d.]+)", entry).group(1))
    group[2] += "JIT:" in entry
for (query, node), (count, ms, jit) in sorted(groups.items(), key=lambda item: -item[1][1])[:15]:
    print("%5d  %8.0f ms  %4d JIT  %s\n                             %s" % (count, ms, jit, query, node))
'
