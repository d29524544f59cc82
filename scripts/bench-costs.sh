#!/usr/bin/env bash
# Per-packet cost benchmarks behind the load test's numbers (docs/benchmarks.md, "What one packet costs"):
# SRTP per packet at Opus sizes and 1250 bytes for each transform (SrtpCostMain), and the kernel floor of
# one datagram to one of many sockets on loopback for each UDP stack (UdpSendCostMain).
# Usage: scripts/bench-costs.sh [srtp|udp|all] [legs/receivers, default 1000 for srtp, 2000 for udp]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
WHAT=${1:-all}
N=${2:-}
case $WHAT in srtp|udp|all) ;; *) echo "bench-costs: unknown '$WHAT' (srtp, udp or all)" >&2; exit 2 ;; esac
source scripts/bench-common.sh
run() { "$JAVA_HOME/bin/java" -Xmx1g --enable-native-access=ALL-UNNAMED -cp "$BENCH_CP" "$@"; }
if [[ $WHAT != udp ]]; then
  run org.parley.media.srtp.SrtpCostMain SUN_JCE "${N:-1000}"
fi
if [[ $WHAT != srtp ]]; then
  run org.parley.media.udp.UdpSendCostMain "${N:-2000}"
fi
