# Sourced by the scripts/bench-*.sh that run a benchmark class from the test sources in a JVM of
# their own. Afterwards JAVA_HOME is a JDK >= 21 and BENCH_CP holds the compiled classes and every
# test-scope dependency. Expects to run from the repository root.
# shellcheck shell=bash
# shellcheck source=scripts/find-jdk.sh
source scripts/find-jdk.sh
parley_find_jdk
export JAVA_HOME=$PARLEY_JDK
./mvnw -B -q -DskipTests test-compile
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
BENCH_CP="target/test-classes:target/classes:$(cat target/bench.classpath)"
export BENCH_CP
