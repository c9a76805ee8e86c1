#!/usr/bin/env bash
# The one way every entry point (Makefile, .ci/run, scripts/*.sh, bench/*.sh) picks the JDK this
# project builds and runs on: Java 25 or newer. A machine may keep an older default `java` (Debian
# 12's is 17) beside it, so the first JDK >= 25 of these wins:
#   1. $JAVA_HOME          2. `java` on PATH          3. the newest JDK in $JVM_DIR (/usr/lib/jvm)
# Sourced: defines jdk_find (prints the JDK's home, or says what to install on stderr and returns 1)
# and jdk_use (exports JAVA_HOME and puts its bin/ first on PATH, so ./mvnw, jlink and the tests'
# child `java` processes all get it). Run: prints the home, as the Makefile uses it.
# Plain bash (and sed for `java -version` only): .ci/run calls it on a PATH with little else on it.

JDK_MIN_MAJOR=25

# jdk_major HOME: the JDK's feature version (25 for 25.0.3), read from its `release` file (no JVM
# started); empty when HOME is not a JDK.
jdk_major() {
  local home="$1" line version=""
  [[ -x "$home/bin/java" && -r "$home/release" ]] || return 0
  while IFS= read -r line; do
    [[ "$line" == JAVA_VERSION=* ]] && version="${line#JAVA_VERSION=}"
  done <"$home/release"
  version="${version//\"/}"
  version="${version#1.}" # 1.8.0 -> 8.0 (still too old, but named right)
  printf '%s' "${version%%[!0-9]*}"
}

# The JDK home of the first `java` on PATH (what it reports as java.home), empty if none.
jdk_home_on_path() {
  command -v java >/dev/null 2>&1 || return 0
  java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.home = //p'
}

jdk_find() {
  local home major best="" best_major=0 found=()
  for home in JAVA_HOME PATH; do # JAVA_HOME first: `java` on PATH costs a JVM start
    if [[ "$home" == JAVA_HOME ]]; then home="${JAVA_HOME:-}"; else home="$(jdk_home_on_path)"; fi
    [[ -n "$home" && " ${found[*]} " != *" $home ("* ]] || continue
    major="$(jdk_major "$home")"
    if [[ -n "$major" ]] && ((major >= JDK_MIN_MAJOR)); then
      printf '%s\n' "$home"
      return 0
    fi
    found+=("$home (${major:-not a JDK})")
  done
  for home in "${JVM_DIR:-/usr/lib/jvm}"/*/; do
    home="${home%/}"
    major="$(jdk_major "$home")"
    [[ -n "$major" ]] || continue
    found+=("$home ($major)")
    if ((major >= JDK_MIN_MAJOR && major > best_major)); then
      best="$home" best_major="$major"
    fi
  done
  if [[ -n "$best" ]]; then
    printf '%s\n' "$best"
    return 0
  fi
  local list=""
  ((${#found[@]} == 0)) || printf -v list '%s; ' "${found[@]}"
  list="${list%; }"
  printf '%s\n' \
    "SRE Playground needs a JDK $JDK_MIN_MAJOR or newer; found: ${list:-no JDK (no JAVA_HOME, no java on PATH, nothing in ${JVM_DIR:-/usr/lib/jvm})}." \
    "  Install Temurin $JDK_MIN_MAJOR (https://adoptium.net/installation/linux/, package temurin-$JDK_MIN_MAJOR-jdk)," \
    "  then set JAVA_HOME to it or rerun (a JDK in ${JVM_DIR:-/usr/lib/jvm} is found without JAVA_HOME)." >&2
  return 1
}

jdk_use() {
  local home
  home="$(jdk_find)" || return 1
  export JAVA_HOME="$home"
  [[ "$PATH" == "$home/bin:"* ]] || export PATH="$home/bin:$PATH"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  jdk_find
fi
