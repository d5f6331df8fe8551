#!/usr/bin/env bash
# ./nas — run the jnas command line (see README.md). Builds cli/target/nas.jar with the Maven
# Wrapper when it is missing or older than any source or pom, then runs it on $JAVA_HOME's java
# (or the java on PATH) with the Vector API module. The JDK prints "WARNING: Using incubator
# modules: jdk.incubator.vector" as the first line of stderr at startup; only that line is dropped,
# everything else on stderr and the exit code pass through unchanged.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$root/cli/target/nas.jar"

if [[ -n "${JAVA_HOME:-}" ]]; then
  java="$JAVA_HOME/bin/java"
else
  java="$(command -v java || true)"
fi
if [[ -z "$java" || ! -x "$java" ]]; then
  echo "nas: no java found: install a JDK 17+ or set JAVA_HOME" >&2
  exit 1
fi

needs_build() {
  [[ ! -f "$jar" ]] && return 0
  # Any source, resource or pom newer than the jar means the jar is stale.
  [[ -n "$(find "$root/pom.xml" "$root"/{tensor,nn,search,engine,cli}/pom.xml \
        "$root"/{tensor,nn,search,engine,cli}/src/main -newer "$jar" -print -quit 2>/dev/null)" ]]
}

if needs_build; then
  echo "nas: building $jar (first run, or sources changed) ..." >&2
  (cd "$root" && ./mvnw -B -ntp -q -DskipTests -pl cli -am package) >&2 || {
    echo "nas: build failed; run './mvnw -B -ntp -DskipTests -pl cli -am package' to see why" >&2
    exit 1
  }
fi

# Filter only the first stderr line, and only if it is the incubator warning. java's stderr goes
# through the filter (a pipeline, so the shell waits for both), its stdout straight to ours via fd 3,
# and PIPESTATUS carries java's exit status out.
drop_incubator_warning() {
  local line first=1
  while IFS= read -r line || [[ -n "$line" ]]; do
    if [[ $first == 1 ]]; then
      first=0
      [[ "$line" == "WARNING: Using incubator modules"* ]] && continue
    fi
    printf '%s\n' "$line"
  done
}

set +e
{ "$java" --add-modules=jdk.incubator.vector ${NAS_JAVA_OPTS:-} -jar "$jar" "$@" 2>&1 1>&3 3>&- \
    | drop_incubator_warning >&2; } 3>&1
status=${PIPESTATUS[0]}
exit "$status"
