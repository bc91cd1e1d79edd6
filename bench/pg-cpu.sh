# Sourced by bench scripts that run PostgreSQL on this machine.
# pg_cpu_ticks POSTMASTER_PID: PostgreSQL's CPU ticks so far (user + system, 100 a second): the
# postmaster, its living children, and the children it has reaped (backends of a finished client,
# autovacuum workers that came and went). A difference of two readings is the CPU spent between them,
# once every child that ended in between has been reaped.
pg_cpu_ticks() {
  local total pid
  total="$(awk '{print $14 + $15 + $16 + $17}' "/proc/$1/stat")"
  for pid in $(pgrep -P "$1" || true); do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2> /dev/null || echo 0)))
  done
  echo "$total"
}
