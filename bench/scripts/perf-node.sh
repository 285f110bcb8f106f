#!/bin/sh
# Records where a running node's CPU goes with Linux perf, including the time inside the JVM (exceptions' stack
# filling, stack walks, allocation and call stubs) and the kernel, which a flight recording's execution samples leave
# out. The node must run with frame pointers for perf to walk its Java stacks:
#   EXTRA_JAVA_OPTS="-XX:+PreserveFramePointer" bin/karaf server
# Usage: bench/scripts/perf-node.sh PID SECONDS OUT.txt   (then: python3 bench/scripts/perf_parts.py OUT.txt)
# perf's software clock is used (no hardware counters are needed), 1999 samples a second per running thread.
set -e
pid=$1; seconds=$2; out=$3
[ -n "$out" ] || { echo "usage: $0 PID SECONDS OUT.txt" >&2; exit 2; }
data=$(mktemp /tmp/perf-node.XXXXXX.data)
perf record -e cpu-clock -F 1999 -g -p "$pid" -o "$data" -- sleep "$seconds" >/dev/null 2>&1
# names for the JIT-compiled frames: /tmp/perf-PID.map, written after the recording so every method is in it
jcmd "$pid" Compiler.perfmap >/dev/null
perf script -i "$data" 2>/dev/null > "$out"
rm -f "$data"
echo "$(grep -c '^[^[:space:]]' "$out") samples in $out"
