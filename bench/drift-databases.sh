# Sourced by bench/verify.sh and bench/repair.sh: the throwaway PostgreSQL 15 cluster in
# $BENCH_DIR (default /tmp/deltacrown-bench-verify) on $BENCH_PORT (default 55434), started here
# and stopped when the sourcing script exits; one build of the jar copied to $JAR; url DB; and
# seed DB [seed_scale options], which seeds BENCH_TEAMS (default 1,000,000) mapped pairs with 5
# memberships a side once per database (its seed_scale output kept as $BENCH_DIR/seed-DB.txt), then
# reuses it. DRIFT_OPTIONS: the 10,000 drifted pairs of the "drift" database. Expects ROOT.
BENCH_DIR="${BENCH_DIR:-/tmp/deltacrown-bench-verify}"
BENCH_PORT="${BENCH_PORT:-55434}"
PGBIN=/usr/lib/postgresql/15/bin
JAVA_OPTS="${JAVA_OPTS:--Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1}"
TEAMS="${BENCH_TEAMS:-1000000}"
# 10,000 drifted pairs: 1,000 name, 1,000 slug, 500 each of the 16 other kinds seed_scale plants.
DRIFT_OPTIONS=(--name-drift 1000 --slug-drift 1000 --membership-drift 500 --role-drift 500 --ranking-drift 500)
for kind in game region description logo banner logo_url active membership_status membership_left_at \
    membership_captain membership_roster_slot membership_player_role membership_permissions; do
  DRIFT_OPTIONS+=(--drift "$kind=500")
done

# shellcheck source=../scripts/jdk.sh
source "$ROOT/scripts/jdk.sh"
JAVA_HOME="$(newest_jdk)"
export JAVA_HOME
mkdir -p "$BENCH_DIR"
if [[ ! -d "$BENCH_DIR/pgdata" ]]; then
  chmod 777 "$BENCH_DIR"
  unshare -U "$PGBIN/initdb" -D "$BENCH_DIR/pgdata" -U postgres -A trust >/dev/null
  cat >> "$BENCH_DIR/pgdata/postgresql.conf" <<'CONF'
shared_buffers = 2GB
work_mem = 64MB
maintenance_work_mem = 512MB
effective_cache_size = 8GB
max_wal_size = 8GB
checkpoint_timeout = 30min
CONF
fi
# A cluster already running on that directory (a previous run, still seeding) is used as it is.
if ! unshare -U "$PGBIN/pg_ctl" -D "$BENCH_DIR/pgdata" status >/dev/null 2>&1; then
  unshare -U "$PGBIN/pg_ctl" -D "$BENCH_DIR/pgdata" -o "-h 127.0.0.1 -p $BENCH_PORT -k $BENCH_DIR" \
      -l "$BENCH_DIR/server.log" -w start >/dev/null
  trap 'unshare -U "$PGBIN/pg_ctl" -D "$BENCH_DIR/pgdata" -m fast -w stop >/dev/null' EXIT
fi
url() { echo "postgres://postgres@127.0.0.1:$BENCH_PORT/$1"; }

# One build, run from a copy (never from target/, which a later build replaces).
(cd "$ROOT" && mvn -q -B -DskipTests -Dspotless.check.skip=true package >&2)
JAR="$BENCH_DIR/deltacrown.jar"
cp "$ROOT/target/deltacrown.jar" "$JAR"

seed() {
  local db="$1"
  shift
  psql -q -h 127.0.0.1 -p "$BENCH_PORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'" \
      | grep -q 1 || psql -q -h 127.0.0.1 -p "$BENCH_PORT" -U postgres -c "CREATE DATABASE $db"
  if [[ ! -f "$BENCH_DIR/seed-$db.txt" ]]; then
    echo "bench: seeding $db..." >&2
    DATABASE_URL="$(url "$db")" "$JAVA_HOME/bin/java" -jar "$JAR" seed_scale --teams "$TEAMS" --members-per-team 5 \
        "$@" > "$BENCH_DIR/seed-$db.txt.partial"
    psql -q "$(url "$db")" -c "VACUUM ANALYZE"
    mv "$BENCH_DIR/seed-$db.txt.partial" "$BENCH_DIR/seed-$db.txt"
  fi
}
