#!/usr/bin/env bash
# Per-thread CPU of a running process over an interval, split into user and kernel time, summed by thread
# name with digits folded ("parley-media-send-0" and "-1" are one row, "dtls-…" another), busiest first.
# docs/benchmarks.md uses it to show where a load test's CPU goes (e.g. how much of a sender thread is the
# sendmmsg system call) without a profiler. Linux only (/proc/PID/task/*/stat).
#
# Usage: scripts/thread-cpu.sh PID [SECONDS]     (default 10)
# Example, during a load test's hold: scripts/thread-cpu.sh "$(pgrep -f 'parley.jar$')" 20
set -euo pipefail
export LC_ALL=C   # $EPOCHREALTIME and awk agree on the decimal point
PID=${1:?usage: thread-cpu.sh PID [SECONDS]}
SECS=${2:-10}
[[ -d /proc/$PID/task ]] || { echo "thread-cpu: no process $PID" >&2; exit 1; }
TICK=$(getconf CLK_TCK)

snapshot() { # prints "tid name utime stime" per thread; comm may hold spaces, so cut at the last ')'
  for stat in /proc/"$PID"/task/*/stat; do
    read -r line < "$stat" 2>/dev/null || continue
    name=${line#*(}; name=${name%)*}
    rest=${line##*) }
    read -r -a f <<< "$rest"
    tid=${stat%/stat}
    echo "${tid##*/} ${name// /_} ${f[11]} ${f[12]}"
  done
}

# The interval is timed from the end of one snapshot to the end of the next, not taken as SECS: reading
# every thread's stat takes a while itself, and both snapshots take about as long.
before=$(snapshot); t0=$EPOCHREALTIME
sleep "$SECS"
after=$(snapshot); t1=$EPOCHREALTIME
ELAPSED=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
printf "%-32s %7s %7s %7s %8s\n" "threads (digits folded)" "count" "user%" "kernel%" "total%"
# Each row is printed behind a sort key (rows first, busiest first; the total last), cut off afterwards.
awk -v secs="$ELAPSED" -v tick="$TICK" '
  NR == FNR { u[$1] = $3; s[$1] = $4; next }
  ($1 in u) {
    name = $2; gsub(/[0-9]+/, "N", name)
    du = ($3 - u[$1]) * 100 / tick / secs; ds = ($4 - s[$1]) * 100 / tick / secs
    user[name] += du; sys[name] += ds; n[name]++
    tu += du; ts += ds
  }
  END {
    for (k in user) if (user[k] + sys[k] >= 0.5)
      printf "1 %.1f %-32s %7d %7.1f %7.1f %8.1f\n", user[k] + sys[k], k, n[k], user[k], sys[k], user[k] + sys[k]
    printf "0 0 %-32s %7s %7.1f %7.1f %8.1f\n", "(all threads)", "", tu, ts, tu + ts
  }' <(echo "$before") <(echo "$after") | sort -k1,1nr -k2,2nr | cut -d' ' -f3-
echo "(percent of one core over ${ELAPSED} s, pid $PID; kernel% includes the system calls' work, e.g. sendmmsg)"
