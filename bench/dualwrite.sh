#!/usr/bin/env bash
# Dual-write benchmark, all variants in one run against the same database:
#   1. team-create throughput (closed loop) and latency at a fixed 300 creates/s (open loop) with
#      dual-write off, on (non-strict) and strict;
#   2. shadow lag (outbox created_at -> completed_at) at that fixed rate with dual-write on;
#   3. the dispatcher alone draining a backlog of 100,000 outbox rows.
# Usage: bench/dualwrite.sh [seconds per run, default 30] [drain rows, default 100000]
# Prints a markdown section for bench/RESULTS.md and keeps raw numbers in bench/results/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SECONDS_PER_RUN="${1:-30}"
DRAIN_ROWS="${2:-100000}"
RATE=300
CONCURRENCY=16
USERS=6000

source scripts/jdk.sh
JAVA_HOME="$(newest_jdk)"
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"

DATA="$(mktemp -d /tmp/deltacrown-bench.XXXXXX)"
RESULTS="bench/results/dualwrite-$(date -u +%Y%m%dT%H%M%SZ).jsonl"
mkdir -p bench/results
export DELTACROWN_DATA_DIR="$DATA"
# The embedded server's generated passwords (docs/adr/0020-database-roles-and-write-guard.md).
export PGPASSFILE="$DATA/pgpass"
export DELTACROWN_SECRET_KEY="bench-secret-key-0123456789-abcdefghijklmnop"
export API_THROTTLE_USER=off API_THROTTLE_ANON=off
export PORT="${BENCH_PORT:-18080}"
BASE="http://localhost:$PORT"

SERVE_PID=""
start_service() {
  ./deltacrown serve > "$DATA/serve-$1.log" 2>&1 &
  SERVE_PID=$!
  for _ in $(seq 1 240); do
    curl -sf "$BASE/health/" > /dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "service did not start; see $DATA/serve-$1.log" >&2
  exit 1
}
stop_service() {
  kill -TERM "$SERVE_PID" 2>/dev/null || true
  wait "$SERVE_PID" 2>/dev/null || true
}
trap 'stop_service; rm -rf "$DATA"' EXIT

psql_() {
  psql -h localhost -p "$(sed -n 4p "$DATA/pgdata/postmaster.pid")" -U postgres -d postgres -v ON_ERROR_STOP=1 -q -t -A "$@"
}

set_flags() { # dual_write strict
  psql_ -c "
    INSERT INTO organizations_feature_flag (name, value, source, changed_by, reason)
    VALUES ('TEAM_VNEXT_DUAL_WRITE_ENABLED', '$1', 'runtime', 'bench', 'benchmark'),
           ('TEAM_VNEXT_DUAL_WRITE_STRICT_MODE', '$2', 'runtime', 'bench', 'benchmark')
    ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value, changed_at = now();"
  sleep 2 # flags reach the instance within a second
}

# Compiled once, so no run pays for compiling the generator.
"$JAVA_HOME/bin/javac" -d "$DATA/generator" bench/LoadGenerator.java
OFFSET=0
LAST=""
load() { # label mode extra-args... ; sets LAST (the result line) and OFFSET (next free user/game pair)
  local label="$1" mode="$2"
  shift 2
  LAST="$("$JAVA" -cp "$DATA/generator" LoadGenerator "$mode" --base-url "$BASE" --secret "$DELTACROWN_SECRET_KEY" \
      --first-user "$FIRST_USER" --users "$USERS" --seconds "$SECONDS_PER_RUN" --offset "$OFFSET" --label "$label" "$@")"
  echo "$LAST" | tee -a "$RESULTS" >&2
  OFFSET="$(echo "$LAST" | sed 's/.*"next_offset":\([0-9]*\).*/\1/')"
}
field() { echo "$1" | sed "s/.*\"$2\":\([0-9.]*\).*/\1/"; }

echo "bench: starting the service (data in $DATA)" >&2
start_service first
# Accounts with the profile rows Django would make, written by the service's own profile writer
# (seed_scale with no teams); prints the username prefix of the run.
new_users() { # count
  local run
  run="$(DATABASE_URL="postgres://postgres@localhost:$(sed -n 4p "$DATA/pgdata/postmaster.pid")/postgres" \
    ./deltacrown seed_scale --teams 0 --users "$1" | sed -n 's/^seed_scale: run \([0-9a-z]*\) done.*/\1/p')"
  echo "seed_${run}_"
}
BENCH_USERS="$(new_users "$USERS")"
FIRST_USER="$(psql_ -c "SELECT min(id) FROM accounts_user WHERE starts_with(username, '$BENCH_USERS')")"

wait_for_outbox() {
  for _ in $(seq 1 240); do
    [[ "$(psql_ -c "SELECT count(*) FROM organizations_dualwrite_outbox WHERE status = 'PENDING'")" == "0" ]] && return 0
    sleep 0.5
  done
}

# Warm-up with dual-write on, so the JIT has compiled the request and the dispatcher paths and the
# legacy tables hold shadows, as they hold data in production. Then statistics as a production
# database has them: without ANALYZE, plans made while the tables were empty keep scanning them
# until autovacuum gets round to it, and whichever variant runs first pays for that.
echo "bench: warm-up" >&2
set_flags true false
SAVED="$SECONDS_PER_RUN"; SECONDS_PER_RUN=30
load warmup closed --concurrency "$CONCURRENCY"
SECONDS_PER_RUN="$SAVED"
wait_for_outbox
psql_ -c "ANALYZE"

declare -A CLOSED OPEN
for variant in off on strict; do
  case "$variant" in
    off) set_flags false false ;;
    on) set_flags true false ;;
    strict) set_flags true true ;;
  esac
  echo "bench: dual-write $variant" >&2
  load "closed-$variant" closed --concurrency "$CONCURRENCY"
  CLOSED[$variant]="$LAST"
  MARK="$(psql_ -c "SELECT coalesce(max(id), 0) FROM organizations_dualwrite_outbox")"
  load "open-$variant" open --rate "$RATE"
  OPEN[$variant]="$LAST"
  if [[ "$variant" == "on" ]]; then
    wait_for_outbox
    LAG="$(psql_ -c "
      SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 1) || ' ' ||
             round(percentile_cont(0.99) WITHIN GROUP (ORDER BY ms)::numeric, 1) || ' ' || count(*)
        FROM (SELECT extract(epoch FROM completed_at - created_at) * 1000 AS ms
                FROM organizations_dualwrite_outbox WHERE id > $MARK AND status = 'DONE') lag")"
    echo "{\"label\":\"lag-on\",\"p50_ms\":${LAG%% *},\"p99_ms\":$(echo "$LAG" | cut -d' ' -f2),\"rows\":${LAG##* }}" \
      | tee -a "$RESULTS" >&2
  fi
done
set_flags false false

echo "bench: backlog of $DRAIN_ROWS rows for the dispatcher alone" >&2
stop_service
# An instance that does not dispatch (OUTBOX_WORKERS=0) while the backlog is written.
OUTBOX_WORKERS=0 start_service fill
DRAIN_USERS="$(new_users "$DRAIN_ROWS")"
psql_ -c "
  INSERT INTO organizations_team (name, slug, owner_id, game_id, region, status, description, preferred_server,
      emergency_contact_discord, emergency_contact_phone, is_temporary, created_at, updated_at)
  SELECT 'Drain Team ' || u.id, 'drain-team-' || u.id, u.id, 1, 'NA', 'ACTIVE', '', '', '', '', false, now(), now()
    FROM accounts_user u WHERE starts_with(u.username, '$DRAIN_USERS');
  INSERT INTO organizations_membership (team_id, user_id, status, role, player_role, is_tournament_captain,
                                        joined_at, left_reason)
  SELECT t.id, t.owner_id, 'ACTIVE', 'OWNER', '', false, now(), '' FROM organizations_team t WHERE t.name LIKE 'Drain Team %';
  INSERT INTO organizations_dualwrite_outbox (operation, vnext_team_id, actor_user_id)
  SELECT 'sync_team_created', t.id, t.owner_id FROM organizations_team t WHERE t.name LIKE 'Drain Team %' ORDER BY t.id;
  ANALYZE;"
stop_service
start_service drain
for _ in $(seq 1 1200); do
  [[ "$(psql_ -c "SELECT count(*) FROM organizations_dualwrite_outbox WHERE status = 'PENDING'")" == "0" ]] && break
  sleep 0.5
done
DRAIN="$(psql_ -c "
  SELECT count(*) || ' ' || round(extract(epoch FROM max(completed_at) - min(completed_at))::numeric, 2) || ' '
         || count(*) FILTER (WHERE o.status = 'DONE')
    FROM organizations_dualwrite_outbox o JOIN organizations_team t ON t.id = o.vnext_team_id
   WHERE t.name LIKE 'Drain Team %'")"
DRAIN_COUNT="${DRAIN%% *}"; DRAIN_SECONDS="$(echo "$DRAIN" | cut -d' ' -f2)"; DRAIN_DONE="${DRAIN##* }"
DRAIN_RATE="$(awk "BEGIN { printf \"%.0f\", $DRAIN_DONE / $DRAIN_SECONDS }")"
VERIFIED="$(psql_ -c "SELECT count(*) FROM organizations_migration_map WHERE verified")"
echo "{\"label\":\"drain\",\"rows\":$DRAIN_COUNT,\"done\":$DRAIN_DONE,\"seconds\":$DRAIN_SECONDS,\"rows_per_s\":$DRAIN_RATE}" \
  | tee -a "$RESULTS" >&2

ratio() { awk "BEGIN { printf \"%.2f\", $1 / $2 }"; }
OFF_P95="$(field "${OPEN[off]}" p95_ms)"; ON_P95="$(field "${OPEN[on]}" p95_ms)"
OFF_TPS="$(field "${CLOSED[off]}" throughput_per_s)"; ON_TPS="$(field "${CLOSED[on]}" throughput_per_s)"
cat <<REPORT

### Dual-write: $(date -u +%Y-%m-%d) ($(nproc) cores, $("$JAVA" -version 2>&1 | head -1), $SECONDS_PER_RUN s per run)

Command: \`bench/dualwrite.sh $SECONDS_PER_RUN $DRAIN_ROWS\` (raw lines: \`$RESULTS\`). Load generator, service and
embedded PostgreSQL 17 (fsync on) share the machine.

| Variant | Closed loop ($CONCURRENCY clients): creates/s | Open loop $RATE/s: p50 ms | p95 ms | p99 ms | errors |
|---|---|---|---|---|---|
| dual-write off | $OFF_TPS | $(field "${OPEN[off]}" p50_ms) | $OFF_P95 | $(field "${OPEN[off]}" p99_ms) | $(field "${OPEN[off]}" errors) |
| dual-write on (non-strict) | $ON_TPS | $(field "${OPEN[on]}" p50_ms) | $ON_P95 | $(field "${OPEN[on]}" p99_ms) | $(field "${OPEN[on]}" errors) |
| strict mode | $(field "${CLOSED[strict]}" throughput_per_s) | $(field "${OPEN[strict]}" p50_ms) | $(field "${OPEN[strict]}" p95_ms) | $(field "${OPEN[strict]}" p99_ms) | $(field "${OPEN[strict]}" errors) |

- p95 on / off at $RATE/s: **$(ratio "$ON_P95" "$OFF_P95")** (target <= 1.10)
- throughput on / off at saturation: **$(ratio "$ON_TPS" "$OFF_TPS")** (target >= 0.60)
- shadow lag at $RATE/s with dual-write on: p50 **${LAG%% *} ms**, p99 **$(echo "$LAG" | cut -d' ' -f2) ms** over ${LAG##* } rows (target p99 <= 300 ms)
- dispatcher alone: **$DRAIN_DONE rows in $DRAIN_SECONDS s = $DRAIN_RATE rows/s** (target >= 3000); verified map rows: $VERIFIED
REPORT
