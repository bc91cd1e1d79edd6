#!/usr/bin/env bash
# Outbox drain from a large backlog (issue 15, RELIABILITY.md "Past one machine"): on a fresh copy
# of bench/verify.sh's clean database (1,000,000 mapped pairs), ROWS PENDING
# `sync_team_settings_updated` rows are written straight into the outbox, one per vNext team (as
# an instance with OUTBOX_WORKERS=0 would have left them), then one `serve` instance
# (OUTBOX_WORKERS default 2) drains them. Prints the PENDING count every 10 s with the rate of
# that interval (flat when a claim's cost does not grow with the backlog), the total drain time
# and rate, and checks that no row is left PENDING or BLOCKED.
#
#   bench/drain.sh [ROWS]              default 1,000,000
#
# Same cluster and seed as bench/verify.sh (bench/drift-databases.sh). The instance runs from the
# jar with JAVA_OPTS; its log goes to $BENCH_DIR/drain-serve.log.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROWS="${1:-1000000}"
# shellcheck source=drift-databases.sh
source "$ROOT/bench/drift-databases.sh"
seed clean

RUN_DB=drain_run
psql -q -h 127.0.0.1 -p "$BENCH_PORT" -U postgres -c "DROP DATABASE IF EXISTS $RUN_DB" 2>/dev/null
psql -q -h 127.0.0.1 -p "$BENCH_PORT" -U postgres -c "CREATE DATABASE $RUN_DB TEMPLATE clean"
sql() { psql -q -tA "$(url "$RUN_DB")" -c "$1"; }
sql "INSERT INTO organizations_dualwrite_outbox (operation, vnext_team_id, status)
     SELECT 'sync_team_settings_updated', id, 'PENDING' FROM organizations_team ORDER BY id LIMIT $ROWS"
sql "VACUUM ANALYZE organizations_dualwrite_outbox"
echo "JAVA_OPTS=$JAVA_OPTS rows=$(sql "SELECT count(*) FROM organizations_dualwrite_outbox WHERE status = 'PENDING'")"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"

PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
DATABASE_URL="$(url "$RUN_DB")" PORT="$PORT" "$JAVA_HOME/bin/java" $JAVA_OPTS -jar "$JAR" serve \
    >"$BENCH_DIR/drain-serve.log" 2>&1 &
SERVE=$!
# Stop the instance first, then whatever the cluster's script set to run at exit.
CLUSTER_EXIT="$(trap -p EXIT | awk -F"'" '{print $2}')"
trap 'kill "$SERVE" 2>/dev/null || true; wait "$SERVE" 2>/dev/null || true; '"$CLUSTER_EXIT" EXIT
started=$(date +%s.%N)
previous=$ROWS
previous_at=$started
while :; do
  sleep 10
  pending=$(sql "SELECT count(*) FROM organizations_dualwrite_outbox WHERE status = 'PENDING'")
  now=$(date +%s.%N)
  python3 -c "import sys; p, q, a, b, s = map(float, sys.argv[1:]); print(f'{b - s:7.1f} s  pending {int(q):8d}  {(p - q) / (b - a):8.0f} rows/s')" \
      "$previous" "$pending" "$previous_at" "$now" "$started"
  previous=$pending
  previous_at=$now
  [[ "$pending" == 0 ]] && break
  kill -0 "$SERVE" 2>/dev/null || { echo "drain: serve exited; see $BENCH_DIR/drain-serve.log" >&2; exit 1; }
done
# From the service's start (JVM, Spring, Flyway check) to the last completion, by the rows themselves.
sql "SELECT 'drained ' || count(*) || ' rows in ' || round(extract(epoch FROM max(completed_at)) - $started, 1)
        || ' s since start, ' || round(extract(epoch FROM max(completed_at) - min(completed_at)), 1)
        || ' s first to last completion, '
        || round(count(*) / nullif(extract(epoch FROM max(completed_at) - min(completed_at)), 0)) || ' rows/s'
       FROM organizations_dualwrite_outbox"
left=$(sql "SELECT count(*) FROM organizations_dualwrite_outbox WHERE status <> 'DONE'")
echo "check: rows not DONE $left: $([[ "$left" == 0 ]] && echo OK || echo WRONG)"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
kill "$SERVE"
wait "$SERVE" 2>/dev/null || true
psql -q -h 127.0.0.1 -p "$BENCH_PORT" -U postgres -c "DROP DATABASE IF EXISTS $RUN_DB"
