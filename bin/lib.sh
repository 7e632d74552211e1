# Shared by bin/crosskit and bin/test: find a JDK >= 21 and build the crosskit jar when needed.
# Sourced, not executed.

# Shell built-ins only on the way to the JVM: every process bin/crosskit forks adds to its start-up.
lib_dir=${BASH_SOURCE[0]%/*}
[ "$lib_dir" = "${BASH_SOURCE[0]}" ] && lib_dir=.
CROSSKIT_ROOT=$(cd "$lib_dir/.." && pwd)
CROSSKIT_JAR="$CROSSKIT_ROOT/crosskit-cli/target/crosskit.jar"

# Sets JAVA_MAJOR to the feature version of the java at $1 (empty when unknown), in this shell:
# no subshell, since bin/crosskit asks on every start.
read_java_major() {
  # The JDK's release file answers without starting a JVM (start-up time matters here).
  local bin=${1%/*} line
  local release=${bin%/*}/release
  JAVA_MAJOR=
  if [ -f "$release" ]; then
    while IFS= read -r line; do
      if [[ $line =~ ^JAVA_VERSION=\"([0-9]+) ]]; then
        JAVA_MAJOR=${BASH_REMATCH[1]}
        return 0
      fi
    done < "$release"
  else
    JAVA_MAJOR=$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1)
  fi
}

java_major() { # prints the feature version of the java at $1, or nothing
  read_java_major "$1"
  echo "$JAVA_MAJOR"
}

# Sets JAVA_HOME to a JDK >= 21: $JAVA_HOME first, then the newest under /usr/lib/jvm.
find_jdk() {
  local c
  # $JAVA_HOME first, without listing /usr/lib/jvm (a process less on every start)
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    read_java_major "$JAVA_HOME/bin/java"
    [ -n "$JAVA_MAJOR" ] && [ "$JAVA_MAJOR" -ge 21 ] && { export JAVA_HOME; return 0; }
  fi
  for c in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    c=${c%/}
    [ -x "$c/bin/javac" ] || continue
    read_java_major "$c/bin/java"
    if [ -n "$JAVA_MAJOR" ] && [ "$JAVA_MAJOR" -ge 21 ]; then
      export JAVA_HOME="$c"
      return 0
    fi
  done
  echo "crosskit: needs a JDK 21 or newer (none found in JAVA_HOME or /usr/lib/jvm)." >&2
  echo "Install one, for example: apt-get install openjdk-21-jdk-headless (or set JAVA_HOME)." >&2
  return 2
}

# Runs apt-get ARGS with its output in a log, and says every 10 s where it stands (packages
# downloaded, unpacked, set up, of how many; elapsed time) instead of a minute of silence or
# pages of apt output. Waits for another apt holding dpkg's lock. On failure: the log's tail.
apt_with_progress() {
  local log pid rc=0 start=$SECONDS last=$SECONDS total got unpacked setup
  log=$(mktemp)
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 -q "$@" >"$log" 2>&1 &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    sleep 1
    if [ $((SECONDS - last)) -ge 10 ]; then
      last=$SECONDS
      total=$(sed -n 's/^\([0-9]*\) upgraded, \([0-9]*\) newly installed.*/\1 \2/p' "$log" | awk '{print $1 + $2}')
      got=$(grep -c '^Get:' "$log" || true)
      unpacked=$(grep -c '^Unpacking ' "$log" || true)
      setup=$(grep -c '^Setting up ' "$log" || true)
      echo "apt-get $1: ${total:-?} packages: $got downloaded, $unpacked unpacked, $setup set up; $((SECONDS - start))s" >&2
    fi
  done
  wait "$pid" || rc=$?
  if [ "$rc" = 0 ]; then
    echo "apt-get $1: done in $((SECONDS - start))s" >&2
  else
    echo "apt-get $* failed (exit $rc); the end of its output:" >&2
    tail -n 20 "$log" >&2
  fi
  rm -f "$log"
  return "$rc"
}

ensure_maven() {
  command -v mvn >/dev/null 2>&1 && return 0
  if [ "$(id -u)" = 0 ]; then
    echo "crosskit: installing Maven (apt-get install maven)..." >&2
    # A fresh machine may have no package lists yet: update once when the install fails.
    apt_with_progress install -y --no-install-recommends maven \
      || { apt_with_progress update && apt_with_progress install -y --no-install-recommends maven; } || return 2
  else
    echo "crosskit: Maven is missing: run 'sudo apt-get install maven'." >&2
    return 2
  fi
}

# ensure_debian_packages WHO PACKAGE...: installs the missing ones (as root; otherwise prints the
# apt-get command and fails). WHO names the caller in messages.
ensure_debian_packages() {
  local who=$1 p
  shift
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ]; then
    echo "$who: installing ${#missing[@]} packages: ${missing[*]}" >&2
    apt_with_progress update || echo "$who: apt-get update reported errors; trying the install anyway" >&2
    apt_with_progress install -y --no-install-recommends "${missing[@]}" || return 2
  else
    echo "$who: missing Debian packages: ${missing[*]}" >&2
    echo "Install them with: sudo apt-get install ${missing[*]}" >&2
    return 2
  fi
}

jar_is_stale() {
  [ -f "$CROSSKIT_JAR" ] || return 0
  [ -n "$(find "$CROSSKIT_ROOT/pom.xml" "$CROSSKIT_ROOT"/crosskit-*/pom.xml "$CROSSKIT_ROOT"/crosskit-*/src/main \
    -newer "$CROSSKIT_JAR" -print -quit 2>/dev/null)" ]
}

# Builds the runnable jar (tests skipped: bin/test runs them) when it is missing or older than
# the sources. A lock keeps two launchers from building at once.
ensure_jar() {
  jar_is_stale || return 0
  ensure_maven || return 2
  mkdir -p "$CROSSKIT_ROOT/crosskit-cli/target"
  (
    # Maven's options stay in this subshell: exported to crosskit itself, they would reach the
    # builds it runs, whose environment keys the configure cache
    maven_opts_for_jdk
    flock 9
    if jar_is_stale; then
      echo "crosskit: building (mvn package)..." >&2
      (cd "$CROSSKIT_ROOT" && mvn -B -q -Dstyle.color=never -DskipTests package >&2) || {
        echo "crosskit: the build failed (see the Maven output above)." >&2
        exit 2
      }
      rm -f "$CROSSKIT_ROOT/crosskit-cli/target/crosskit.aot" "$CROSSKIT_ROOT/crosskit-cli/target/crosskit.jsa"
    fi
  ) 9>"$CROSSKIT_ROOT/crosskit-cli/target/.build.lock"
}

# Maven itself (its bundled Guava) warns about sun.misc.Unsafe on JDK 24+; that noise is not ours.
# Nor are the colour resets (ESC[0m) Maven's Jansi writes even in batch mode: jansi.noreset stops them.
maven_opts_for_jdk() {
  local v
  export MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true"
  v=$(java_major "$JAVA_HOME/bin/java")
  if [ -n "$v" ] && [ "$v" -ge 24 ]; then
    export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
  fi
}
