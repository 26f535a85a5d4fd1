#!/usr/bin/env bash
# Runs one scenario of BLAU's load generator the way docs/benchmarks.md says:
# the whole stack pinned to core 1, the generator to core 0, results in bench/results/,
# plots of spread/hot in docs/benchmarks/.
#
#   bench/delivery.sh spread --rates 100,200,500,1000
#   bench/delivery.sh hot --members 500 --rates 20,50,100
#   bench/delivery.sh files --rates 1,2,4,8
#   bench/delivery.sh idle | reconnect | store | search | files | renewals  [their options, see: bench/delivery.sh <scenario> --help]
#
# One local stack per machine (fixed ports): the run holds $BLAU_STACK_LOCK while the stack is up.
# BENCH_SKIP_BUILD=1 uses the generator as last built; BENCH_JAVA_OPTS replaces its -Xms1g -Xmx1g;
# BENCH_DATA_DIR=DIR runs the stack on that data dir (./blau run --data-dir), its users cached in DIR/bench:
# the stack keeps every run's messages, and a store that grows changes the figures.
set -euo pipefail
cd "$(dirname "$0")/.."

scenario=${1:?usage: bench/delivery.sh spread|hot|idle|reconnect|store|search|files|renewals [generator options]}
shift
generator() {  # the generator's command line, in the array $gen
  # shellcheck disable=SC2206 # BENCH_JAVA_OPTS are meant to split
  gen=(java ${BENCH_JAVA_OPTS:--Xms1g -Xmx1g}
       -cp "test-support/target/test-support-0.1.0-SNAPSHOT.jar:$(cat test-support/target/bench.cp)"
       dev.blau.testing.bench.LoadGenerator)
}

if [ -z "${BENCH_LOCKED:-}" ]; then
  # the generator: test-support and its classpath (before the lock: nothing runs yet)
  if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
    ./mvnw -q -pl test-support -am install -DskipTests
    ./mvnw -q -pl test-support dependency:build-classpath -Dmdep.outputFile=target/bench.cp >/dev/null
  fi
  case " $* " in
    *" --help "*|*" -h "*) generator; exec "${gen[@]}" "$scenario" --help ;;
  esac
  lock=${BLAU_STACK_LOCK:-/tmp/blau-stack.lock}
  echo "waiting for $lock …" >&2
  BENCH_LOCKED=1 exec flock "$lock" "$0" "$scenario" "$@"
fi

data_dir=${BENCH_DATA_DIR:-}
stack_args=()
cache_args=()
if [ -n "$data_dir" ]; then
  data_dir=$(realpath -m "$data_dir")
  stack_args=(--data-dir "$data_dir")
  case " $* " in *" --cache-dir"*) ;; *) cache_args=(--cache-dir "$data_dir/bench") ;; esac
fi

# the store scenario seeds a thousand rooms from one account: past the product's creation limit
export CHAT_ROOMS_PER_HOUR=${CHAT_ROOMS_PER_HOUR:-1000000}
# uploads count against a user's sends (30 per 10 s): the files scenario is one user uploading at
# several a second, and measures the uploads, not the limiter (which still runs, as costly as ever)
if [ "$scenario" = files ]; then
  export CHAT_RATE_LIMIT_MESSAGES=${CHAT_RATE_LIMIT_MESSAGES:-1000000}
fi

stamp=$(date +%Y%m%d-%H%M%S)
results=bench/results
mkdir -p "$results" docs/benchmarks
csv=$results/$scenario-$stamp.csv
stack_log=$results/stack-$stamp.log

for _ in $(seq 30); do  # a stack that is still stopping gets a minute
  ./blau status >/dev/null 2>&1 || break
  sleep 2
done
if ./blau status >/dev/null 2>&1; then
  echo "a BLAU stack is already running (./blau status): stop it first; a benchmark starts its own, pinned" >&2
  exit 1
fi

# starts the stack (optionally pinned: taskset -c N), waits for "BLAU is ready"
stack=
start_stack() {
  ${1:+taskset -c "$1"} ./blau run "${stack_args[@]}" >>"$stack_log" 2>&1 &
  stack=$!
  until grep -q "BLAU is ready" "$stack_log"; do
    if ! kill -0 "$stack" 2>/dev/null; then
      # ./blau stop asks whatever stack holds the fixed control port: never another one's
      stack=
      echo "the stack did not start:" >&2
      tail -20 "$stack_log" >&2
      exit 1
    fi
    sleep 2
  done
}
stop_stack() {
  [ -n "$stack" ] || return 0
  ./blau stop "${stack_args[@]}" >/dev/null 2>&1 || true
  wait "$stack" 2>/dev/null || true
  stack=
}
trap stop_stack EXIT

# a stack without data does its one-time setup (Keycloak's build and realm import) first, on
# both cores: on one core it does not fit the launcher's start limits
if [ ! -d "${data_dir:-.blau/data}/keycloak" ]; then
  echo "first start of this stack: once on both cores (log: $stack_log) …" >&2
  start_stack
  stop_stack
  : >"$stack_log"
fi

# the server side on core 1: every process the launcher starts inherits the affinity
echo "starting the stack on core 1 (log: $stack_log) …" >&2
start_stack 1
./blau status 2>&1 | sed -n 1p >&2

# the load on core 0
generator
taskset -c 0 "${gen[@]}" "$scenario" --out "$csv" "${cache_args[@]}" "$@"

case "$scenario" in
  spread|hot) bench/plot.sh "$csv" "docs/benchmarks/$scenario" ;;
esac
echo "results: $csv" >&2
