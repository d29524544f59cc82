#!/usr/bin/env bash
# Forwarding benchmark (docs/benchmarks.md): server CPU per forwarded packet and added latency,
# one speaker to N listener legs over real ICE/DTLS/SRTP on loopback, all in one JVM.
# Usage: scripts/bench-forwarding.sh [--speakers S] [--duration SECONDS] [--senders T] [listeners...]
#        (default: --speakers 1 --duration 20, the server's default sender threads, 200 1; the 1-listener run is the latency baseline, run last on warm code)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/bench-common.sh
exec "$JAVA_HOME/bin/java" -Xmx2g --enable-native-access=ALL-UNNAMED -cp "$BENCH_CP" \
  org.parley.media.session.ForwardingBenchmark "$@"
