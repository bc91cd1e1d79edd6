#!/usr/bin/env bash
# Dual-write benchmark: issue 13's table in one command, every variant in one run against the same
# throwaway PostgreSQL 15 cluster (fsync off, as the issue measured) and the same service:
#   1. statements per request (team create with dual-write off and on, team detail, member add),
#      counted from the server's statement log, and a pgbench replay of the create's own
#      transaction captured from that log;
#   2. latency at fixed rates (open loop, 300 and 1,000 creates/s) with dual-write off and on (four
#      half-length phases, off / on / on / off, so that a drift of the machine cancels out), and the
#      shadow lag of the "on" rows (map migration_date - team created_at, and outbox
#      created_at -> completed_at);
#   3. saturated creates/s (closed loop) off / on / strict, and detail GET / member add (on);
#   4. the dispatcher alone draining a backlog, on a fresh instance and again on the same instance
#      once warm, with the CPU per row of each side; and the same legacy writes replayed without the
#      service (bench/legacy-writes.sh: the drain's ceiling on this machine).
# Org-owned team creates (the requester is the organisation's CEO), 10 s warm-up, ANALYZE before each
# variant; a JFR recording of the service in a phase of its own at 300/s with dual-write on (profile
# summary).
#
# Usage: bench/dualwrite.sh [seconds per run, default 20] [drain rows, default 20000]
# Env: BENCH_RATES ("300 1000"), BENCH_CONCURRENCY (32), BENCH_PORT (8190), BENCH_PG_PORT (8191),
#      BENCH_POOL (DB_POOL_SIZE of the service, default: the service's default),
#      BENCH_DRAIN_WORKERS (OUTBOX_WORKERS of the draining service only), BENCH_KEEP=1 keeps $DATA.
# Prints a markdown section for bench/RESULTS.md on stdout; raw JSON lines in bench/results/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source bench/service.sh
SECONDS_PER_RUN="${1:-20}"
DRAIN_ROWS="${2:-20000}"
RATES="${BENCH_RATES:-300 1000}"
CONCURRENCY="${BENCH_CONCURRENCY:-32}"
USERS=2000
PGBIN=/usr/lib/postgresql/15/bin

source scripts/jdk.sh
JAVA_HOME="$(newest_jdk)"
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"

DATA="$(mktemp -d /tmp/deltacrown-bench.XXXXXX)"
chmod 777 "$DATA"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RESULTS="bench/results/dualwrite-$STAMP.jsonl"
mkdir -p bench/results
PG_PORT="${BENCH_PG_PORT:-8191}"
export PORT="${BENCH_PORT:-8190}"
BASE="http://localhost:$PORT"
export DELTACROWN_DATA_DIR="$DATA/service"
export DELTACROWN_SECRET_KEY="bench-secret-key-0123456789-abcdefghijklmnop"
export API_THROTTLE_USER=off API_THROTTLE_ANON=off
[[ -n "${BENCH_POOL:-}" ]] && export DB_POOL_SIZE="$BENCH_POOL"

note() { echo "bench: $* (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2; }

# --- the database ---------------------------------------------------------------------------------
unshare -U "$PGBIN/initdb" -D "$DATA/pgdata" -U postgres -A trust > /dev/null
cat >> "$DATA/pgdata/postgresql.conf" <<CONF
fsync = off
shared_buffers = 512MB
max_connections = 100
log_line_prefix = '%m [%p] %v [%a] '
CONF
unshare -U "$PGBIN/pg_ctl" -D "$DATA/pgdata" -o "-h 127.0.0.1 -p $PG_PORT -k $DATA" -l "$DATA/pg.log" -w start > /dev/null
cleanup() {
  stop_service
  unshare -U "$PGBIN/pg_ctl" -D "$DATA/pgdata" -m fast -w stop > /dev/null 2>&1 || true
  [[ -n "${BENCH_KEEP:-}" ]] || rm -rf "$DATA"
}
trap cleanup EXIT
psql_() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d bench -v ON_ERROR_STOP=1 -q -t -A "$@"; }
psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -q -c "CREATE DATABASE bench"
export DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/bench"

# --- the service ----------------------------------------------------------------------------------
start_service() { # label [JAVA_OPTS]
  JAVA_OPTS="${2:-}" ./deltacrown serve > "$DATA/serve-$1.log" 2>&1 &
  SERVE_PID=$!
  for _ in $(seq 1 1200); do
    curl -sf "$BASE/health/" > /dev/null 2>&1 && return 0
    kill -0 "$SERVE_PID" 2> /dev/null || break
    sleep 0.5
  done
  echo "service did not start; see $DATA/serve-$1.log" >&2
  tail -20 "$DATA/serve-$1.log" >&2
  exit 1
}
flag_applied() { # FLAG 0|1
  curl -sf "$BASE/actuator/prometheus" | grep -q "^deltacrown_flag_enabled{flag=\"$1\"[^}]*} $2"
}
set_flags() { # dual_write strict
  psql_ -c "
    INSERT INTO organizations_feature_flag (name, value, source, changed_by, reason)
    VALUES ('TEAM_VNEXT_DUAL_WRITE_ENABLED', '$1', 'runtime', 'bench', 'benchmark'),
           ('TEAM_VNEXT_DUAL_WRITE_STRICT_MODE', '$2', 'runtime', 'bench', 'benchmark')
    ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value, changed_at = now();"
  local on=0 strict=0
  [[ "$1" == true ]] && on=1
  [[ "$2" == true ]] && strict=1
  for _ in $(seq 1 100); do
    flag_applied TEAM_VNEXT_DUAL_WRITE_ENABLED "$on" && flag_applied TEAM_VNEXT_DUAL_WRITE_STRICT_MODE "$strict" && return 0
    sleep 0.1
  done
  echo "flags did not reach the service" >&2
  exit 1
}
wait_for_outbox() {
  for _ in $(seq 1 1200); do
    [[ "$(psql_ -c "SELECT count(*) FROM organizations_dualwrite_outbox WHERE status = 'PENDING'")" == "0" ]] && return 0
    sleep 0.25
  done
  echo "outbox did not drain" >&2
  exit 1
}

note "building (when sources changed) and starting the service (data in $DATA)"
./deltacrown --version > /dev/null
start_service main
# Accounts with profiles, each the CEO of one organisation. Organisation and team ids start far from
# account ids, so the replay generator can tell a team id from an account id by its value.
psql_ -c "SELECT setval(pg_get_serial_sequence('organizations_organization', 'id'), 100000),
                 setval(pg_get_serial_sequence('organizations_team', 'id'), 1000000)" > /dev/null
BENCH_USERS="$(new_users "$USERS")"
FIRST_USER="$(psql_ -c "SELECT min(id) FROM accounts_user WHERE starts_with(username, '$BENCH_USERS')")"
psql_ -c "
  INSERT INTO organizations_organization (name, slug, ceo_id, is_verified, description, website, twitter,
                                          revenue_split_config, enforce_brand, created_at, updated_at)
  SELECT 'Bench Org ' || id, 'bench-org-' || id, id, false, '', '', '', '{}', false, now(), now()
    FROM accounts_user WHERE starts_with(username, '$BENCH_USERS') ORDER BY id;"
FIRST_ORG="$(psql_ -c "SELECT min(id) FROM organizations_organization WHERE slug LIKE 'bench-org-%'")"

"$JAVA_HOME/bin/javac" -d "$DATA/generator" bench/LoadGenerator.java
OFFSET=0
LAST=""
load() { # label mode action extra-args... ; sets LAST; creates advance OFFSET (the next free team number)
  local label="$1" mode="$2" action="$3" offset="$OFFSET"
  shift 3
  [[ "$action" == create ]] || offset="${ACTION_OFFSET:-0}"
  LAST="$("$JAVA" -cp "$DATA/generator" LoadGenerator "$mode" --base-url "$BASE" --secret "$DELTACROWN_SECRET_KEY" \
      --first-user "$FIRST_USER" --users "$USERS" --first-org "$FIRST_ORG" --seconds "$SECONDS_PER_RUN" \
      --offset "$offset" --label "$label" --action "$action" "$@")"
  LAST="${LAST%\}},\"load\":\"$(cut -d' ' -f1-3 /proc/loadavg)\"}"
  echo "$LAST" | tee -a "$RESULTS" >&2
  local next
  next="$(echo "$LAST" | sed 's/.*"next_offset":\([0-9]*\).*/\1/')"
  if [[ "$action" == create ]]; then OFFSET="$next"; else ACTION_OFFSET="$next"; fi
}
field() { echo "$1" | sed "s/.*\"$2\":\"\{0,1\}\([^,\"]*\).*/\1/"; }
lag() { # rows since outbox id MARK: "p50 p99 rows" of map migration_date - team created_at, then of the outbox
  psql_ -F ' ' -c "
    SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 1),
           round(percentile_cont(0.99) WITHIN GROUP (ORDER BY ms)::numeric, 1), count(*),
           round(percentile_cont(0.99) WITHIN GROUP (ORDER BY outbox_ms)::numeric, 1)
      FROM (SELECT extract(epoch FROM m.migration_date - t.created_at) * 1000 AS ms,
                   extract(epoch FROM o.completed_at - o.created_at) * 1000 AS outbox_ms
              FROM organizations_dualwrite_outbox o
              JOIN organizations_team t ON t.id = o.vnext_team_id
              JOIN organizations_migration_map m ON m.vnext_team_id = t.id
             WHERE o.id > $1 AND o.status = 'DONE' AND o.operation = 'sync_team_created') lag"
}
mark() { psql_ -c "SELECT coalesce(max(id), 0) FROM organizations_dualwrite_outbox"; }
source bench/pg-cpu.sh
cpu_ticks() { # JVM and PostgreSQL CPU ticks so far: "jvm pg"
  echo "$(awk '{print $14 + $15}' "/proc/$SERVE_PID/stat") $(pg_cpu_ticks "$(head -1 "$DATA/pgdata/postmaster.pid")")"
}
per_request_cpu() { # "jvm pg" ticks before, after, requests: "service_ms pg_ms" of CPU per request
  awk -v b="$1" -v a="$2" -v n="$3" 'BEGIN {
    split(b, x, " "); split(a, y, " "); hz = 100;
    printf "%.2f %.2f", (y[1] - x[1]) * 1000 / hz / n, (y[2] - x[2]) * 1000 / hz / n }'
}
cpu_line() { # label "service_ms pg_ms": a raw line
  echo "{\"label\":\"cpu-$1\",\"service_ms_per_request\":${2% *},\"pg_ms_per_request\":${2#* }}" | tee -a "$RESULTS" >&2
}
dispatcher_ticks() { # CPU ticks of the service's outbox dispatcher threads (names start outbox-dispatch)
  local total=0 task
  for task in /proc/"$SERVE_PID"/task/*; do
    [[ "$(cat "$task/comm" 2> /dev/null)" == outbox-dispatch* ]] || continue
    total=$((total + $(awk '{print $14 + $15}' "$task/stat" 2> /dev/null || echo 0)))
  done
  echo "$total"
}

note "warm-up"
set_flags true false
SAVED="$SECONDS_PER_RUN"
SECONDS_PER_RUN=10
load warmup closed create --concurrency "$CONCURRENCY"
SECONDS_PER_RUN="$SAVED"
wait_for_outbox
TEAMS="$OFFSET" # bench-team-0 .. bench-team-(TEAMS-1) exist: detail and member add use them
psql_ -c "ANALYZE"

# --- 1. statements per request, pgbench replay ------------------------------------------------------
capture() { # label action dual_write [strict]
  set_flags "$3" "${4:-false}"
  psql_ -c "ALTER SYSTEM SET log_statement = 'all'" -c "SELECT pg_reload_conf()" > /dev/null
  sleep 0.5
  local from
  from="$(stat -c %s "$DATA/pg.log")"
  SECONDS_PER_RUN=2 load "capture-$1" closed "$2" --concurrency 1 --teams "$TEAMS"
  local requests
  requests="$(field "$LAST" requests)"
  wait_for_outbox
  psql_ -c "ALTER SYSTEM RESET log_statement" -c "SELECT pg_reload_conf()" > /dev/null
  sleep 0.5
  tail -c +"$((from + 1))" "$DATA/pg.log" > "$DATA/statements-$1.log"
  python3 bench/statements.py count "$DATA/statements-$1.log" "$requests" "$1" | tee -a "$RESULTS" >&2
}
note "statement counts"
capture create-off create false
capture create-on create true
REPLAY_OFFSET="$OFFSET" # the replay takes a team of the "on" capture
capture create-strict create true true
capture detail detail true
capture member member true
statements_of() { grep "\"label\":\"$1\"" "$RESULTS" | tail -1; }
STATEMENTS_OFF="$(statements_of create-off)"
STATEMENTS_ON="$(statements_of create-on)"
STATEMENTS_STRICT="$(statements_of create-strict)"
STATEMENTS_DETAIL="$(statements_of detail)"
STATEMENTS_MEMBER="$(statements_of member)"
REPLAY_TEAM="$(psql_ -c "SELECT id FROM organizations_team WHERE name = 'Bench Team $((REPLAY_OFFSET - 2))'")"
python3 bench/statements.py replay "$DATA/statements-create-on.log" "$REPLAY_TEAM" > "$DATA/replay.sql"
cp "$DATA/replay.sql" "bench/results/dualwrite-$STAMP-replay.sql"

# --- 2. fixed rates ---------------------------------------------------------------------------------
# Four phases of half a run each, in the order off, on, on, off: a drift of the machine's speed over
# the four (it drifts by more than dual-write's cost at 300/s: bench/RESULTS.md, 2026-12-04) adds
# about as much to each variant and cancels out of the ratio of their means.
declare -A OPEN LAG CLOSED CPU SATURATED_CPU
PHASE_SECONDS=$(( SECONDS_PER_RUN / 2 > 0 ? SECONDS_PER_RUN / 2 : 1 ))
for rate in $RATES; do
  declare -A PHASE=([off]=0 [on]=0)
  for variant in off on on off; do
    k=$(( ++PHASE[$variant] ))
    if [[ "$variant" == on ]]; then set_flags true false; else set_flags false false; fi
    psql_ -c "ANALYZE"
    note "open loop $rate/s, dual-write $variant, phase $k"
    [[ "$variant" != on || "$k" != 1 ]] || MARK="$(mark)"
    BEFORE="$(cpu_ticks)"
    SECONDS_PER_RUN="$PHASE_SECONDS" load "open-$rate-$variant-$k" open create --rate "$rate"
    AFTER="$(cpu_ticks)"
    OPEN[$rate-$variant-$k]="$LAST"
    CPU[$rate-$variant-$k]="$(per_request_cpu "$BEFORE" "$AFTER" "$(field "$LAST" requests)")"
    cpu_line "open-$rate-$variant-$k" "${CPU[$rate-$variant-$k]}"
    if [[ "$variant" == on && "$k" == 2 ]]; then
      wait_for_outbox
      LAG[$rate]="$(lag "$MARK")"
      echo "{\"label\":\"lag-$rate\",\"lag\":\"${LAG[$rate]}\"}" | tee -a "$RESULTS" >&2
    fi
  done
done
# The profile has a phase of its own (dual-write on, the first rate): a recording during a measured
# phase would add its cost to that variant only.
FIRST_RATE="${RATES%% *}"
set_flags true false
note "open loop $FIRST_RATE/s, dual-write on, recorded by JFR (not measured)"
"$JAVA_HOME/bin/jcmd" "$SERVE_PID" JFR.start name=bench settings=profile filename="$DATA/profile-$FIRST_RATE.jfr" > /dev/null
SECONDS_PER_RUN="$PHASE_SECONDS" load "profile-$FIRST_RATE-on" open create --rate "$FIRST_RATE"
"$JAVA_HOME/bin/jcmd" "$SERVE_PID" JFR.stop name=bench > /dev/null
wait_for_outbox

# --- 3. saturation ----------------------------------------------------------------------------------
for variant in off on strict; do
  case "$variant" in
    off) set_flags false false ;;
    on) set_flags true false ;;
    strict) set_flags true true ;;
  esac
  psql_ -c "ANALYZE"
  note "closed loop, dual-write $variant"
  MARK="$(mark)"
  BEFORE="$(cpu_ticks)"
  load "closed-$variant" closed create --concurrency "$CONCURRENCY"
  CLOSED[$variant]="$LAST"
  SATURATED_CPU[$variant]="$(per_request_cpu "$BEFORE" "$(cpu_ticks)" "$(field "$LAST" requests)")"
  cpu_line "closed-$variant" "${SATURATED_CPU[$variant]}"
  if [[ "$variant" == on ]]; then
    BACKLOG="$(psql_ -c "SELECT count(*) FROM organizations_dualwrite_outbox WHERE status = 'PENDING'")"
    wait_for_outbox
    LAG[closed]="$(lag "$MARK")"
    echo "{\"label\":\"lag-closed\",\"lag\":\"${LAG[closed]}\",\"backlog_at_end\":$BACKLOG}" | tee -a "$RESULTS" >&2
  fi
done
set_flags true false
for action in detail member; do
  note "closed loop, $action (dual-write on)"
  BEFORE="$(cpu_ticks)"
  load "closed-$action" closed "$action" --concurrency "$CONCURRENCY" --teams "$TEAMS"
  CLOSED[$action]="$LAST"
  SATURATED_CPU[$action]="$(per_request_cpu "$BEFORE" "$(cpu_ticks)" "$(field "$LAST" requests)")"
  cpu_line "closed-$action" "${SATURATED_CPU[$action]}"
  wait_for_outbox
done
set_flags false false
stop_service

# --- pgbench: the create's own transaction (service stopped: the database alone) --------------------
note "pgbench replay of the create transaction"
PGBENCH="$("$PGBIN/pgbench" -h 127.0.0.1 -p "$PG_PORT" -U postgres -n -M prepared -c 16 -j 2 -T "$SECONDS_PER_RUN" \
    -f "$DATA/replay.sql" bench 2>&1 | tee "$DATA/pgbench.txt" | sed -n 's/^tps = \([0-9]*\).*/\1/p')"
echo "{\"label\":\"pgbench-replay\",\"tps\":$PGBENCH,\"load\":\"$(cut -d' ' -f1-3 /proc/loadavg)\"}" | tee -a "$RESULTS" >&2
# pgbench's outbox rows point at one team; nothing should dispatch them.
psql_ -c "UPDATE organizations_dualwrite_outbox SET status = 'DONE', completed_at = now() WHERE status = 'PENDING'"
# The replay leaves tens of thousands of dead outbox rows (and their entries in the claim index):
# vacuumed here, so that the drain below measures the dispatcher, not autovacuum cleaning up after
# pgbench on the same two cores (the drain's PostgreSQL CPU per row was 0.22-0.58 ms with it,
# bench/RESULTS.md 2026-12-04).
psql_ -c "VACUUM (ANALYZE)"

# --- 4. drain ---------------------------------------------------------------------------------------
# Autovacuum and autoanalyze runs finished so far (statistics flushed when a worker ends).
autovacuum_runs() { psql_ -c "SELECT coalesce(sum(autovacuum_count + autoanalyze_count), 0) FROM pg_stat_user_tables"; }
# CPU per drained row: the dispatcher threads, the whole JVM (its JIT compiler and GC included) and
# PostgreSQL over the drain (on a fresh service, from its first health answer); the ceiling is two
# cores over dispatcher + PostgreSQL. Sets DRAIN_LINE.
drain() { # label name-prefix [command that makes the backlog due]
  local before after threads_before threads_after count seconds finished rate jvm_ms pg_ms dispatcher_ms ceiling
  local vacuums_before vacuums_after
  vacuums_before="$(autovacuum_runs)"
  before="$(cpu_ticks)"
  threads_before=0 # a fresh service's dispatcher threads have done nothing but this drain
  if [[ -n "${3:-}" ]]; then
    threads_before="$(dispatcher_ticks)"
    "$3" "$2"
  fi
  wait_for_outbox
  after="$(cpu_ticks)"
  threads_after="$(dispatcher_ticks)"
  vacuums_after="$(autovacuum_runs)"
  read -r count seconds finished <<< "$(psql_ -F ' ' -c "
    SELECT count(*), round(extract(epoch FROM max(completed_at) - min(completed_at))::numeric, 2),
           count(*) FILTER (WHERE o.status = 'DONE')
      FROM organizations_dualwrite_outbox o JOIN organizations_team t ON t.id = o.vnext_team_id
     WHERE t.name LIKE '$2 Team %'")"
  rate="$(awk "BEGIN { printf \"%.0f\", $finished / $seconds }")"
  read -r jvm_ms pg_ms <<< "$(per_request_cpu "$before" "$after" "$finished")"
  dispatcher_ms="$(awk -v t="$((threads_after - threads_before))" -v n="$finished" 'BEGIN { printf "%.3f", t * 10 / n }')"
  ceiling="$(awk -v d="$dispatcher_ms" -v p="$pg_ms" 'BEGIN { printf "%.0f", 2000 / (d + p) }')"
  DRAIN_LINE="{\"label\":\"$1\",\"workers\":$DRAIN_WORKERS,\"rows\":$count,\"done\":$finished,\"seconds\":$seconds,\"rows_per_s\":$rate,\"dispatcher_cpu_ms_per_row\":$dispatcher_ms,\"jvm_cpu_ms_per_row\":$jvm_ms,\"pg_cpu_ms_per_row\":$pg_ms,\"two_core_ceiling_rows_per_s\":$ceiling,\"autovacuum_runs\":$((vacuums_after - vacuums_before)),\"load\":\"$(cut -d' ' -f1-3 /proc/loadavg)\"}"
  echo "$DRAIN_LINE" | tee -a "$RESULTS" >&2
}
note "backlog of $DRAIN_ROWS rows for the dispatcher alone"
OUTBOX_WORKERS=0 start_service fill
backlog_teams Drain "$DRAIN_ROWS"
backlog_outbox Drain
stop_service
DRAIN_WORKERS="${BENCH_DRAIN_WORKERS:-${OUTBOX_WORKERS:-2}}"
OUTBOX_WORKERS="$DRAIN_WORKERS" start_service drain
drain drain Drain # a fresh JVM: the figure an instance started on a backlog gives
COLD="$DRAIN_LINE"
note "a second backlog of $DRAIN_ROWS rows for the same, now warm, service"
backlog_teams Warm "$DRAIN_ROWS"
drain drain-warm Warm backlog_outbox
WARM="$DRAIN_LINE"
stop_service
note "the drain's legacy writes replayed without the service (bench/legacy-writes.sh): the drain's ceiling"
LEGACY_1="$(bench/legacy-writes.sh "$DATABASE_URL" 1)"
echo "$LEGACY_1" | tee -a "$RESULTS" >&2
LEGACY_2="$(bench/legacy-writes.sh "$DATABASE_URL" 2)"
echo "$LEGACY_2" | tee -a "$RESULTS" >&2
LEGACY_SINGLE="$(LEGACY_BATCH=1 bench/legacy-writes.sh "$DATABASE_URL" 1)"
echo "$LEGACY_SINGLE" | tee -a "$RESULTS" >&2

# --- profile ----------------------------------------------------------------------------------------
PROFILE=""
for jfr in "$DATA"/profile-*.jfr; do
  [[ -f "$jfr" ]] || continue
  cp "$jfr" "bench/results/dualwrite-$STAMP-profile.jfr"
  PROFILE="$("$JAVA_HOME/bin/jfr" print --events jdk.ExecutionSample --stack-depth 64 "$jfr" | python3 bench/profile.py)"
done

# --- the report -------------------------------------------------------------------------------------
ratio() { awk "BEGIN { printf \"%.2f\", $1 / $2 }"; }
lagf() { echo "$1" | cut -d' ' -f"$2"; }
OFF_TPS="$(field "${CLOSED[off]}" throughput_per_s)"
ON_TPS="$(field "${CLOSED[on]}" throughput_per_s)"
STRICT_TPS="$(field "${CLOSED[strict]}" throughput_per_s)"
cat <<REPORT

### Dual-write run $STAMP ($(nproc) cores, $("$JAVA" -version 2>&1 | head -1), PostgreSQL $(psql_ -c "SHOW server_version" 2>/dev/null || echo 15) fsync off, $SECONDS_PER_RUN s per run)

Command: \`bench/dualwrite.sh $SECONDS_PER_RUN $DRAIN_ROWS\` (raw lines: \`$RESULTS\`, replay script and JFR recording
next to it). Generator, service and PostgreSQL share the machine; load average (1/5/15 min) at the end of each
run is in the raw lines.

| figure | dual-write off | on (non-strict) | strict | goal |
|---|---|---|---|---|
| saturated creates/s ($CONCURRENCY connections) | $OFF_TPS | $ON_TPS (**$(ratio "$ON_TPS" "$OFF_TPS")** of off) | $STRICT_TPS (**$(ratio "$STRICT_TPS" "$OFF_TPS")** of off) | on ≥ 0.75, strict ≥ 0.8 |
| CPU ms per create, saturated: service / PostgreSQL | ${SATURATED_CPU[off]/ / \/ } | ${SATURATED_CPU[on]/ / \/ } | ${SATURATED_CPU[strict]/ / \/ } | |
REPORT
mean2() { # rate variant field: the mean of the variant's two phases
  awk -v x="$(field "${OPEN[$1-$2-1]}" "$3")" -v y="$(field "${OPEN[$1-$2-2]}" "$3")" 'BEGIN { printf "%.1f", (x + y) / 2 }'
}
cpu2() { # rate variant: "service / PostgreSQL" CPU ms per create, mean of the two phases
  awk -v x="${CPU[$1-$2-1]}" -v y="${CPU[$1-$2-2]}" 'BEGIN {
    split(x, a, " "); split(y, b, " "); printf "%.2f / %.2f", (a[1] + b[1]) / 2, (a[2] + b[2]) / 2 }'
}
for rate in $RATES; do
  echo "| p50 / p95 / p99 at $rate creates/s (ms; mean of the variant's two phases) | $(mean2 "$rate" off p50_ms) / **$(mean2 "$rate" off p95_ms)** / $(mean2 "$rate" off p99_ms) | $(mean2 "$rate" on p50_ms) / **$(mean2 "$rate" on p95_ms)** / $(mean2 "$rate" on p99_ms) (p95 **$(ratio "$(mean2 "$rate" on p95_ms)" "$(mean2 "$rate" off p95_ms)")** of off) | — | ≤ 1.10 |"
  echo "| p95 at $rate/s per phase, in run order off, on, on, off (ms) | $(field "${OPEN[$rate-off-1]}" p95_ms), …, …, $(field "${OPEN[$rate-off-2]}" p95_ms) | …, $(field "${OPEN[$rate-on-1]}" p95_ms), $(field "${OPEN[$rate-on-2]}" p95_ms), … | — | |"
  echo "| errors at $rate/s | $(( $(field "${OPEN[$rate-off-1]}" errors) + $(field "${OPEN[$rate-off-2]}" errors) )) | $(( $(field "${OPEN[$rate-on-1]}" errors) + $(field "${OPEN[$rate-on-2]}" errors) )) | — | 0 |"
  echo "| CPU ms per create at $rate/s: service / PostgreSQL | $(cpu2 "$rate" off) | $(cpu2 "$rate" on) | — | |"
  echo "| shadow lag at $rate/s: p50 / p99 ms (map − created_at; outbox p99) | — | $(lagf "${LAG[$rate]}" 1) / **$(lagf "${LAG[$rate]}" 2)** ($(lagf "${LAG[$rate]}" 4)) over $(lagf "${LAG[$rate]}" 3) rows | — | p99 ≤ 100 |"
done
cat <<REPORT
| shadow lag of the saturated run: p50 / p99 ms | — | $(lagf "${LAG[closed]}" 1) / $(lagf "${LAG[closed]}" 2) over $(lagf "${LAG[closed]}" 3) rows | — | |
| dispatcher drain of a $DRAIN_ROWS-row backlog ($DRAIN_WORKERS workers): a fresh instance / the same instance warm | — | $(field "$COLD" rows_per_s) / **$(field "$WARM" rows_per_s) rows/s** ($(field "$COLD" seconds) / $(field "$WARM" seconds) s) | — | ≥ 10,000 |
| drain CPU ms per row, fresh / warm: dispatcher threads, PostgreSQL (whole JVM); two cores over the two | — | $(field "$COLD" dispatcher_cpu_ms_per_row), $(field "$COLD" pg_cpu_ms_per_row) ($(field "$COLD" jvm_cpu_ms_per_row)) / $(field "$WARM" dispatcher_cpu_ms_per_row), $(field "$WARM" pg_cpu_ms_per_row) ($(field "$WARM" jvm_cpu_ms_per_row)); **$(field "$WARM" two_core_ceiling_rows_per_s) rows/s** warm | — | ceiling of this dispatcher |
| the drain's legacy writes alone (pgbench, prepared, batches of 500, no service): 1 / 2 sessions | — | $(field "$LEGACY_1" teams_per_s) / **$(field "$LEGACY_2" teams_per_s) teams/s** ($(field "$LEGACY_1" us_per_team_per_session) µs per team, PostgreSQL CPU $(field "$LEGACY_1" pg_cpu_us_per_team) µs) | — | ceiling of any dispatcher |
| the same, one team per transaction (strict mode's shape), 1 session | — | $(field "$LEGACY_SINGLE" teams_per_s) teams/s ($(field "$LEGACY_SINGLE" us_per_team_per_session) µs per team, PostgreSQL CPU $(field "$LEGACY_SINGLE" pg_cpu_us_per_team) µs) | — | |
| statements per create (round trips) | $(field "$STATEMENTS_OFF" statements_per_request) ($(field "$STATEMENTS_OFF" round_trips_per_request)) | $(field "$STATEMENTS_ON" statements_per_request) ($(field "$STATEMENTS_ON" round_trips_per_request)) | $(field "$STATEMENTS_STRICT" statements_per_request) ($(field "$STATEMENTS_STRICT" round_trips_per_request)) | |
| dispatcher during the create capture (1 client): statements per create, rows per dispatch, empty dispatches | — | $(field "$STATEMENTS_ON" dispatcher_statements_per_request), $(awk "BEGIN { d = $(field "$STATEMENTS_ON" dispatches); printf \"%.1f\", d ? $(field "$STATEMENTS_ON" requests) / d : 0 }"), $(field "$STATEMENTS_ON" empty_dispatches) | — | |
| pgbench replay of the "on" create transaction (16 clients) | — | **$PGBENCH tx/s**; HTTP on / pgbench = **$(ratio "$ON_TPS" "$PGBENCH")** | — | ≥ 0.5 |
| team detail GET: saturated/s, statements; CPU ms per request: service / PostgreSQL | — | $(field "${CLOSED[detail]}" throughput_per_s) /s, $(field "$STATEMENTS_DETAIL" statements_per_request) statements; ${SATURATED_CPU[detail]/ / \/ } | — | |
| member add: saturated/s, statements; CPU ms per request: service / PostgreSQL | — | $(field "${CLOSED[member]}" throughput_per_s) /s, $(field "$STATEMENTS_MEMBER" statements_per_request) statements; ${SATURATED_CPU[member]/ / \/ } | — | |

Statements by kind (per request): create off \`$(echo "$STATEMENTS_OFF" | sed 's/.*"by_kind":\({[^}]*}\).*/\1/')\`;
create on \`$(echo "$STATEMENTS_ON" | sed 's/.*"by_kind":\({[^}]*}\).*/\1/')\`;
create strict \`$(echo "$STATEMENTS_STRICT" | sed 's/.*"by_kind":\({[^}]*}\).*/\1/')\`;
detail \`$(echo "$STATEMENTS_DETAIL" | sed 's/.*"by_kind":\({[^}]*}\).*/\1/')\`;
member add \`$(echo "$STATEMENTS_MEMBER" | sed 's/.*"by_kind":\({[^}]*}\).*/\1/')\`.

Profile of the service at $FIRST_RATE creates/s with dual-write on (JFR execution samples):

$PROFILE
REPORT
