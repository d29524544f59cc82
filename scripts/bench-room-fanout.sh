#!/usr/bin/env bash
# Room-state fan-out benchmark (docs/benchmarks.md): how fast one change reaches N WebSocket clients.
# Usage: scripts/bench-room-fanout.sh [clients...]   (default: 1000 10000)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/find-jdk.sh
parley_find_jdk
export JAVA_HOME=$PARLEY_JDK
./mvnw -B -q -DskipTests test-compile
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
CP="target/test-classes:target/classes:$(cat target/bench.classpath)"
exec "$JAVA_HOME/bin/java" -Xmx4g -cp "$CP" org.parley.bench.RoomFanoutBenchmark "$@"
