#!/usr/bin/env bash
# Room-state fan-out benchmark (docs/benchmarks.md): how fast one change reaches N WebSocket clients.
# Usage: scripts/bench-room-fanout.sh [clients...]   (default: 1000 10000)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/bench-common.sh
exec "$JAVA_HOME/bin/java" -Xmx4g -cp "$BENCH_CP" org.parley.bench.RoomFanoutBenchmark "$@"
