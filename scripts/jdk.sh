# Picks the newest JDK (17 or later) on the machine; JAVA_HOME wins when it is set.
newest_jdk() {
  if [[ -n "${JAVA_HOME:-}" && -x "${JAVA_HOME}/bin/java" ]]; then
    echo "$JAVA_HOME"
    return
  fi
  local best="" best_major=0 dir version major
  for dir in /usr/lib/jvm/*/; do
    dir="${dir%/}"
    [[ -x "$dir/bin/java" && -x "$dir/bin/javac" && -f "$dir/release" ]] || continue
    version="$(sed -n 's/^JAVA_VERSION="\([^"]*\)"/\1/p' "$dir/release")"
    major="${version%%.*}"
    [[ "$major" =~ ^[0-9]+$ ]] || continue
    if (( major > best_major )); then
      best="$dir"
      best_major="$major"
    fi
  done
  if (( best_major < 17 )); then
    echo "deltacrown: no JDK 17 or later found under /usr/lib/jvm; set JAVA_HOME" >&2
    exit 1
  fi
  echo "$best"
}

# Maven itself calls sun.misc.Unsafe; JDK 24+ warns about it on every build unless allowed.
quiet_maven_opts() {
  local major
  major="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release")"
  if [[ "$major" =~ ^[0-9]+$ ]] && (( major >= 24 )); then
    echo "--sun-misc-unsafe-memory-access=allow"
  fi
}
