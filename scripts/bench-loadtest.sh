#!/usr/bin/env bash
# Full-size load test (docs/benchmarks.md, "Load test"): starts a Parley server from target/parley.jar on
# loopback ports of its own with a data folder of its own, warms it up with one short run, runs the
# load test for each size given, prints each run's final line, and stops the server.
#
# Usage: scripts/bench-loadtest.sh [--hold 60s] [--ramp-rate 50] [--server-env 'K=V ...'] [SxL[iK] ...]
#        default sizes: 3x2000 (the issue's capacity target); iK: K of the S speakers interpret
# Example: scripts/bench-loadtest.sh --hold 60s 2x200 3x1000 3x2000
#          scripts/bench-loadtest.sh --server-env 'PARLEY_MEDIA_SOCKET=nio' 3x1000
#          scripts/bench-loadtest.sh 3x1000 3x1000i2   # interpretation: 1 floor speaker, 2 interpreters
#
# Environment: BENCH_DATA (default /tmp/parley-bench; members are cached there between runs: the first
# large run signs them up, ~30-50 per second), BENCH_PORT (default 18380; the media port is BENCH_PORT+1).
# Every run's full output goes to $BENCH_DATA/run-SxL.log; the server's log to $BENCH_DATA/server.log.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/find-jdk.sh
parley_find_jdk
JAVA=$PARLEY_JDK/bin/java

HOLD=60s
RAMP=50
SERVER_ENV=''
SIZES=()
while (($#)); do
  case $1 in
    --hold) HOLD=$2; shift 2 ;;
    --ramp-rate) RAMP=$2; shift 2 ;;
    --server-env) SERVER_ENV=$2; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *x*) SIZES+=("$1"); shift ;;
    *) echo "bench-loadtest: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
((${#SIZES[@]})) || SIZES=(3x2000)

DATA=${BENCH_DATA:-/tmp/parley-bench}
PORT=${BENCH_PORT:-18380}
mkdir -p "$DATA"
[[ -f target/parley.jar ]] || ./parley build

max_listeners=0
for size in "${SIZES[@]}"; do
  l=${size#*x}
  l=${l%i*}
  ((l > max_listeners)) && max_listeners=$l
done

# shellcheck disable=SC2086  # SERVER_ENV is a list of K=V words
env PARLEY_DATA_DIR="$DATA" PARLEY_AUTH_ATTEMPTS_PER_IP=100000 PARLEY_HOST=127.0.0.1 PARLEY_PORT="$PORT" \
  PARLEY_MEDIA_PORT=$((PORT + 1)) PARLEY_MEDIA_BIND=127.0.0.1 PARLEY_MEDIA_ADDRESSES=127.0.0.1 $SERVER_ENV \
  "$JAVA" -jar target/parley.jar > "$DATA/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 60); do
  curl -fs "http://127.0.0.1:$PORT/healthz" > /dev/null 2>&1 && break
  sleep 1
done
curl -fs "http://127.0.0.1:$PORT/healthz" > /dev/null || { echo "bench-loadtest: the server did not start (see $DATA/server.log)" >&2; exit 1; }

run() { # speakers listeners hold log [interpreters]
  "$JAVA" -jar target/parley.jar loadtest --url "http://127.0.0.1:$PORT" --data-dir "$DATA" \
    --speakers "$1" --listeners "$2" --duration "$3" --ramp-rate "$RAMP" --interpreters "${5:-0}" > "$4" 2>&1
}

# Warm-up: signs up every member the largest run needs (first time only) and compiles the hot paths.
echo "bench-loadtest: warming up (and signing up to $((max_listeners + 3)) members the first time)..." >&2
run 3 "$max_listeners" 5s "$DATA/warmup.log" || { tail -5 "$DATA/warmup.log" >&2; exit 1; }
for size in "${SIZES[@]}"; do
  s=${size%x*}
  l=${size#*x}
  k=0
  [[ $l == *i* ]] && k=${l#*i}
  l=${l%i*}
  echo "bench-loadtest: $s speakers ($k interpreting) x $l listeners, hold $HOLD..." >&2
  log="$DATA/run-${size}.log"
  run "$s" "$l" "$HOLD" "$log" "$k" || true
  grep -E '^loadtest: (server|joins|packets|client):' "$log" >&2 || true
  tail -n 1 "$log"
done
