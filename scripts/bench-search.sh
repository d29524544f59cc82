#!/usr/bin/env bash
# Search benchmark (docs/benchmarks.md, "Search"): 100,000 generated members and 10,000 clubs, then
# the latency of a few thousand varied queries with graph boosts on; also the index's build time and
# heap. Usage: scripts/bench-search.sh [members] [clubs] [queries]   (default 100000 10000 3000)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/bench-common.sh
# shellcheck disable=SC2086
exec "$JAVA_HOME/bin/java" ${PARLEY_BENCH_JAVA_OPTS:--Xmx1g} -cp "$BENCH_CP" org.parley.bench.SearchBenchmark "$@"
