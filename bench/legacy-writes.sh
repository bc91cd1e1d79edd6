#!/usr/bin/env bash
# The legacy writes of a dispatch with no service at all: what PostgreSQL alone spends to write the
# shadows of created teams into Django's tables (teams_team: 17 indexes, teams_teammembership: 16,
# organizations_migration_map: 9, and Django's deferred foreign-key checks at COMMIT), in batches of
# 500 teams, one transaction each, as the dispatcher commits them. The rows are copies (new names,
# tags, slugs, ids) of the shadows the drain wrote, so they have the same widths and the same index
# entries. pgbench sends the one statement of a batch prepared (planned once per session, as the
# service's driver does), each transaction taking the next batch from a sequence. Run by
# bench/dualwrite.sh after its drain; the figure is the ceiling of any dispatcher on this machine
# (bench/RESULTS.md, issue 13).
#
#   bench/legacy-writes.sh DATABASE_URL SESSIONS     prints one JSON line
#   LEGACY_BATCH=1 bench/legacy-writes.sh ...        one team per transaction (strict mode's shape)
set -euo pipefail
URL="${1:?usage: bench/legacy-writes.sh DATABASE_URL [SESSIONS]}"
SESSIONS="${2:-1}"
BATCH="${LEGACY_BATCH:-500}" # teams per transaction
DIR="$(mktemp -d)"
trap 'rm -rf "$DIR"' EXIT
q() { psql "$URL" -v ON_ERROR_STOP=1 -q -t -A "$@"; }
# PostgreSQL's CPU (bench/pg-cpu.sh): needs the server on this machine and its data directory.
source "$(dirname "${BASH_SOURCE[0]}")/pg-cpu.sh"
POSTMASTER="$(head -1 "$(q -c 'SHOW data_directory')/postmaster.pid")"
children() { pgrep -P "$POSTMASTER" | sort || true; }
# Waits (at most 10 s) until every child of the postmaster not in the list given has been reaped:
# pgbench returns before its backends have exited, and their CPU counts only once they are reaped.
await_reaped() {
  local deadline=$((SECONDS + 10))
  while [[ -n "$(comm -13 <(echo "$1") <(children))" ]]; do
    (( SECONDS < deadline )) || { echo "legacy-writes: backends still running after 10 s" >&2; return 1; }
    sleep 0.05
  done
}

# The drained teams' shadows, numbered; a transaction copies the next BATCH of them.
q -c "SET client_min_messages = warning;
      DROP TABLE IF EXISTS bench_legacy_source;
      DROP SEQUENCE IF EXISTS bench_legacy_batch;
      CREATE TABLE bench_legacy_source AS
      SELECT m.legacy_team_id AS id, row_number() OVER (ORDER BY m.legacy_team_id) AS n
        FROM organizations_migration_map m JOIN organizations_team t ON t.id = m.vnext_team_id
       WHERE t.name LIKE 'Drain Team %';
      ALTER TABLE bench_legacy_source ADD PRIMARY KEY (n);
      CREATE SEQUENCE bench_legacy_batch;
      GRANT SELECT ON bench_legacy_source TO deltacrown_shadow_writer;
      GRANT USAGE ON SEQUENCE bench_legacy_batch TO deltacrown_shadow_writer"
TEAMS="$(q -c "SELECT count(*) FROM bench_legacy_source")"
cols() { # table, excluded columns
  q -c "SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position)
          FROM information_schema.columns
         WHERE table_schema = 'public' AND table_name = '$1' AND column_name NOT IN ($2)"
}
TCOLS="$(cols teams_team "'id', 'name', 'tag', 'slug', 'name_ci', 'tag_ci'")"
MCOLS="$(cols teams_teammembership "'id', 'team_id'")"
MAPCOLS="$(cols organizations_migration_map "'id', 'legacy_team_id', 'vnext_team_id', 'legacy_slug'")"

cat > "$DIR/batch.sql" <<SQL
SELECT (nextval('bench_legacy_batch') - 1) * $BATCH AS b \gset
BEGIN;
WITH s AS (SELECT id, n FROM bench_legacy_source WHERE n > :b AND n <= :b + $BATCH),
ins AS (INSERT INTO teams_team (name, tag, slug, name_ci, tag_ci, $TCOLS)
        SELECT 'Copy ' || s.n, 'C' || s.n, 'copy-' || s.n, 'copy ' || s.n, 'c' || s.n, $TCOLS
          FROM teams_team JOIN s USING (id)
        RETURNING id, name),
pairs AS (SELECT ins.id AS new_id, s.id AS old_id FROM ins JOIN s ON ins.name = 'Copy ' || s.n),
mem AS (INSERT INTO teams_teammembership (team_id, $MCOLS)
        SELECT p.new_id, $MCOLS FROM teams_teammembership JOIN pairs p ON team_id = p.old_id
        RETURNING 1)
INSERT INTO organizations_migration_map (legacy_team_id, vnext_team_id, legacy_slug, $MAPCOLS)
SELECT p.new_id, -p.new_id, 'copy-' || p.new_id, $MAPCOLS
  FROM organizations_migration_map JOIN pairs p ON legacy_team_id = p.old_id;
COMMIT;
SQL
BATCHES=$(( (TEAMS + BATCH - 1) / BATCH ))
PER_SESSION=$(( (BATCHES + SESSIONS - 1) / SESSIONS ))
# pgbench ends with the last transaction; as the shadow writer (the role the dispatcher writes as).
BEFORE_CHILDREN="$(children)"
PG_BEFORE="$(pg_cpu_ticks "$POSTMASTER")"
PGOPTIONS="-c role=deltacrown_shadow_writer" pgbench -n -M prepared -c "$SESSIONS" -j "$SESSIONS" -t "$PER_SESSION" \
    -f "$DIR/batch.sql" "$URL" > "$DIR/pgbench.out" 2>&1 || { cat "$DIR/pgbench.out" >&2; exit 1; }
await_reaped "$BEFORE_CHILDREN"
PG_AFTER="$(pg_cpu_ticks "$POSTMASTER")"
TPS="$(sed -n 's/^tps = \([0-9.]*\) (without initial connection time)/\1/p' "$DIR/pgbench.out")"
TRANSACTIONS="$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$DIR/pgbench.out")"
WRITTEN="$(q -c "SELECT count(*) FROM teams_team WHERE name LIKE 'Copy %'")"
MEMBERS="$(q -c "SELECT count(*) FROM teams_teammembership m JOIN teams_team t ON t.id = m.team_id WHERE t.name LIKE 'Copy %'")"
# Leave the database as the drain left it.
q -c "SET client_min_messages = warning;
      SET ROLE deltacrown_shadow_writer;
      BEGIN;
      DELETE FROM organizations_migration_map WHERE vnext_team_id < 0;
      DELETE FROM teams_teammembership WHERE team_id IN (SELECT id FROM teams_team WHERE name LIKE 'Copy %');
      DELETE FROM teams_team WHERE name LIKE 'Copy %';
      COMMIT;
      RESET ROLE;
      DROP TABLE bench_legacy_source;
      DROP SEQUENCE bench_legacy_batch" > /dev/null
q -c "VACUUM ANALYZE teams_team, teams_teammembership, organizations_migration_map"
if (( WRITTEN != TEAMS )); then echo "legacy-writes: wrote $WRITTEN of $TEAMS teams" >&2; exit 1; fi
# pgbench's transactions per second (without connection time) times teams per transaction.
# and PostgreSQL's CPU per team over the run (a tick is 10 ms).
awk -v bt="$BATCH" -v t="$WRITTEN" -v m="$MEMBERS" -v s="$SESSIONS" -v tps="$TPS" -v nb="$TRANSACTIONS" \
    -v pg="$((PG_AFTER - PG_BEFORE))" -v l="$(cut -d' ' -f1-3 /proc/loadavg)" 'BEGIN {
  rate = tps * t / nb; printf "{\"label\":\"legacy-writes-%d\",\"batch\":%d,\"sessions\":%d,\"teams\":%d,\"memberships\":%d,\"seconds\":%.2f,\"teams_per_s\":%.0f,\"us_per_team_per_session\":%.0f,\"pg_cpu_us_per_team\":%.0f,\"load\":\"%s\"}\n", s, bt, s, t, m, t / rate, rate, 1e6 * s / rate, pg * 10000 / t, l }'
