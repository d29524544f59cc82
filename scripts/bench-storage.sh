#!/usr/bin/env bash
# Storage write benchmark (docs/benchmarks.md, "Storage writes"): what a durable commit costs on the
# embedded SQLite default, on PostgreSQL and on H2 (Parley 0.1, not durable).
# Usage: scripts/bench-storage.sh [writes-per-case]   (default 2000)
# PostgreSQL: createdb -h 127.0.0.1 -U postgres parley_bench, or -Dparley.bench.postgres= via
# PARLEY_BENCH_JAVA_OPTS to skip it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/bench-common.sh
# shellcheck disable=SC2086
exec "$JAVA_HOME/bin/java" ${PARLEY_BENCH_JAVA_OPTS:-} -cp "$BENCH_CP" org.parley.bench.StorageWriteBenchmark "$@"
