#!/usr/bin/env bash
# bench.sh — run the benchmark suite (batpak side by side with raw Kafka clients) from a source checkout.
#
#   ./bench.sh            the recorded run: every scenario, at most ~5 minutes on 2 cores
#   ./bench.sh --quick    every scenario, short: under a minute, numbers only indicative
#   ./bench.sh --jfr FILE also record JFR profiles: FILE (batpak pipelined append->visible), FILE-append.jfr,
#                         FILE-replay.jfr, FILE-broker.jfr
#   ./bench.sh profile-summary FILE.jfr [TOP]   condense a JFR recording (top frames, allocations, locks)
#   ./bench.sh micro [SECONDS]                   per-record CPU of decode, mapping, encode, seal, sign (no broker)
#   experiment options (the run writes ...-experiment.json): --only durable|visible|graph, --no-sign,
#                         --commit-interval-ms N, --streams KEY=VALUE
#
# Builds bench/<build dir>/batpak-bench.jar with Maven when it is missing or older than any source
# (quietly, tests neither compiled nor run), starts an embedded single-node Kafka broker (a child JVM,
# data in a temporary directory), runs the scenarios, prints the tables on standard output and writes
# bench/results/<date>-<commit>[-quick].json. Progress goes to standard error. See docs/benchmarks.md.
# Environment: JAVA (default: java on PATH), MVN (default: mvn), BENCH_JAVA_OPTS (default: -Xms1g -Xmx1g),
# BENCH_BUILD_DIRNAME (Maven build directory name, default: target).
set -euo pipefail

source_path="${BASH_SOURCE[0]}"
while [ -L "$source_path" ]; do
  link_dir="$(cd -P "$(dirname "$source_path")" && pwd)"
  source_path="$(readlink "$source_path")"
  case "$source_path" in /*) ;; *) source_path="$link_dir/$source_path" ;; esac
done
repo="$(cd -P "$(dirname "$source_path")" && pwd)"
build_dir="${BENCH_BUILD_DIRNAME:-target}"
jar="$repo/bench/$build_dir/batpak-bench.jar"

needs_build() {
  [ -f "$jar" ] || return 0
  # Any pom or file under a module's src newer than the jar means the jar is stale.
  [ -n "$(find "$repo/pom.xml" "$repo"/*/pom.xml "$repo"/*/src -newer "$jar" -type f -print -quit 2>/dev/null)" ]
}

if needs_build; then
  echo "bench: building $jar ..." >&2
  log="$(mktemp "${TMPDIR:-/tmp}/batpak-bench-build.XXXXXX")"
  if ! (cd "$repo" && "${MVN:-mvn}" -B -q -Dmaven.test.skip=true "-Dbuild.dirname=$build_dir" \
        package -pl bench -am >"$log" 2>&1); then
    cat "$log" >&2
    rm -f "$log"
    echo "bench: the build failed (output above)" >&2
    exit 1
  fi
  rm -f "$log"
  # The jar keeps its old time stamp when Maven finds nothing to repackage; mark it as current.
  touch "$jar"
fi

java_opts="${BENCH_JAVA_OPTS:--Xms1g -Xmx1g}"
if [ "${1:-}" = "micro" ]; then
  shift
  # shellcheck disable=SC2086
  exec "${JAVA:-java}" $java_opts -cp "$jar" dev.batpak.kafka.bench.CodecMicro "$@"
fi
if [ "${1:-}" = "profile-summary" ]; then
  shift
  # shellcheck disable=SC2086 # java_opts is a list of options, split on purpose
  exec "${JAVA:-java}" $java_opts -cp "$jar" dev.batpak.kafka.bench.ProfileSummary "$@"
fi
# shellcheck disable=SC2086
exec "${JAVA:-java}" $java_opts -jar "$jar" --out "$repo/bench/results" --repo "$repo" "$@"
