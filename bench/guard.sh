#!/usr/bin/env bash
# What the legacy write guard costs a legacy write (docs/adr/0020-database-roles-and-write-guard.md):
# pgbench runs the same transaction (set a bypass reason, update one teams_team row) four ways,
# in two interleaved rounds, and prints each variant's mean rate as a ratio of the first:
#   1. unguarded       the guard's triggers disabled; the shadow writer's transaction
#   2. shadow writer   as the dispatcher writes: runtime role, SET LOCAL ROLE, the guard lets it by
#   3. blocking off    another role ("Django", DML on teams_*) while TEAM_LEGACY_WRITE_BLOCKED=false
#   4. audited         that role under TEAM_LEGACY_WRITE_BYPASS_ENABLED: a warning and an audit row
#
#   bench/guard.sh [SECONDS per variant, default 20] [CLIENTS, default 4]
#
# Database: a throwaway PostgreSQL 15 cluster in $BENCH_DIR (default /tmp/deltacrown-bench-guard)
# on $BENCH_PORT (default 8127), removed at the end; the schema and the grants are the service's
# own (the jar migrates it, `grants --apply` grants). Output: one table; keep the load average
# printed with it (noisy machine: compare the ratios, not the rates).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECONDS_PER_VARIANT="${1:-20}"
CLIENTS="${2:-4}"
BENCH_DIR="${BENCH_DIR:-/tmp/deltacrown-bench-guard}"
BENCH_PORT="${BENCH_PORT:-8127}"
PGBIN=/usr/lib/postgresql/15/bin
TEAMS=1000

# shellcheck source=../scripts/jdk.sh
source "$ROOT/scripts/jdk.sh"
JAVA_HOME="$(newest_jdk)"
export JAVA_HOME
MAVEN_OPTS="${MAVEN_OPTS:-} $(quiet_maven_opts "$JAVA_HOME")"
export MAVEN_OPTS

rm -rf "$BENCH_DIR" && mkdir -p "$BENCH_DIR" && chmod 777 "$BENCH_DIR"
unshare -U "$PGBIN/initdb" -D "$BENCH_DIR/pgdata" -U postgres -A trust >/dev/null
unshare -U "$PGBIN/pg_ctl" -D "$BENCH_DIR/pgdata" -o "-h 127.0.0.1 -p $BENCH_PORT -k $BENCH_DIR" \
    -l "$BENCH_DIR/server.log" -w start >/dev/null
trap 'unshare -U "$PGBIN/pg_ctl" -D "$BENCH_DIR/pgdata" -m fast -w stop >/dev/null; rm -rf "$BENCH_DIR"' EXIT

SUPER="postgres://postgres@127.0.0.1:$BENCH_PORT/bench"
psql_() { psql -q -v ON_ERROR_STOP=1 -tA "$SUPER" "$@"; }
psql -q -h 127.0.0.1 -p "$BENCH_PORT" -U postgres -c "CREATE DATABASE bench" postgres
psql -q -h 127.0.0.1 -p "$BENCH_PORT" -U postgres postgres -c "
    CREATE ROLE bench_app LOGIN; CREATE ROLE bench_django LOGIN;"

(cd "$ROOT" && mvn -q -B -DskipTests package >&2)
JAR="$BENCH_DIR/deltacrown.jar"
cp "$ROOT/target/deltacrown.jar" "$JAR"
run_jar() { "$JAVA_HOME/bin/java" -Xmx256m -XX:TieredStopAtLevel=1 -jar "$JAR" "$@" >/dev/null 2>&1; }
# Legacy teams to update, then the two-role set-up of the README.
DATABASE_URL="$SUPER" run_jar seed_scale --teams "$TEAMS" --members-per-team 1
DATABASE_OWNER_URL="$SUPER" DATABASE_URL="postgres://bench_app@127.0.0.1:$BENCH_PORT/bench" run_jar grants --apply
psql_ -c "GRANT SELECT, UPDATE ON teams_team TO bench_django"
read -r MIN MAX < <(psql_ -F ' ' -c "SELECT min(id), max(id) FROM teams_team")

cat > "$BENCH_DIR/shadow.sql" <<SQL
\\set id random($MIN, $MAX)
BEGIN;
SELECT set_config('role', 'deltacrown_shadow_writer', true), set_config('deltacrown.legacy_write_bypass', 'dual_write_dispatch', true);
UPDATE teams_team SET tagline = 'bench' WHERE id = :id;
COMMIT;
SQL
# Same transaction shape for every variant; this role's reason setting allows nothing.
cat > "$BENCH_DIR/django.sql" <<SQL
\\set id random($MIN, $MAX)
BEGIN;
SELECT set_config('deltacrown.legacy_write_bypass', 'dual_write_dispatch', true);
UPDATE teams_team SET tagline = 'bench' WHERE id = :id;
COMMIT;
SQL

flag() {
  psql_ -c "SELECT deltacrown_change_flag('$1', '$2', '$3', 'runtime', 'bench', 'guard benchmark')" >/dev/null
}
rate() { # user script
  pgbench -n -h 127.0.0.1 -p "$BENCH_PORT" -U "$1" -c "$CLIENTS" -j 2 -T "$SECONDS_PER_VARIANT" \
      -f "$BENCH_DIR/$2" bench 2>/dev/null | sed -n 's/^tps = \([0-9.]*\).*/\1/p'
}

rate bench_app shadow.sql >/dev/null # warm-up
# Two rounds, variants interleaved, so a load change on a shared machine hits every variant alike.
declare -A SUM=([unguarded]=0 [shadow_writer]=0 [blocking_off]=0 [audited]=0)
add() { SUM[$1]="$(awk -v a="${SUM[$1]}" -v b="$2" 'BEGIN { print a + b / 2 }')"; }
for _ in 1 2; do
  psql_ -c "ALTER TABLE teams_team DISABLE TRIGGER deltacrown_legacy_write_guard"
  add unguarded "$(rate bench_app shadow.sql)"
  psql_ -c "ALTER TABLE teams_team ENABLE TRIGGER deltacrown_legacy_write_guard"
  add shadow_writer "$(rate bench_app shadow.sql)"
  flag TEAM_LEGACY_WRITE_BLOCKED false true
  add blocking_off "$(rate bench_django django.sql)"
  flag TEAM_LEGACY_WRITE_BLOCKED true true
  flag TEAM_LEGACY_WRITE_BYPASS_ENABLED true false
  add audited "$(rate bench_django django.sql)"
  flag TEAM_LEGACY_WRITE_BYPASS_ENABLED false false
done
AUDIT_ROWS="$(psql_ -c "SELECT count(*) FROM organizations_legacy_write_audit")"

echo "guard benchmark: PostgreSQL $(psql_ -c "SHOW server_version"), $CLIENTS clients, ${SECONDS_PER_VARIANT} s each, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '| %-15s | %12s | %8s |\n' variant "updates/s" ratio
printf '|%s|%s|%s|\n' "-----------------" "--------------" "----------"
for name in unguarded shadow_writer blocking_off audited; do
  printf '| %-15s | %12.0f | %8.2f |\n' "$name" "${SUM[$name]}" \
      "$(awk -v a="${SUM[$name]}" -v b="${SUM[unguarded]}" 'BEGIN { print a / b }')"
done
echo "audit rows written in the audited runs: $AUDIT_ROWS"
