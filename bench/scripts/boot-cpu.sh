#!/bin/bash
# One first start of a distribution tarball, measured by the Karaf JVM's own CPU time: unpacked fresh under
# /tmp/boot-cpu/LABEL, HTTP/ssh/RMI ports moved to free ones, started with bin/karaf server, GET /api/v1/health polled
# every 50 ms. At the first 200 it prints the wall clock from the start and utime + stime of the JVM (/proc/<pid>/stat);
# with TASKS=1 also the CPU of each live thread then (dead ones, e.g. the store's start-up thread, are in the total
# only). Then bin/stop. On a shared 2-CPU machine the CPU figure moves far less with the load than the wall clock:
# compare builds by it, in turn, several rounds (docs/benchmarks.md, "Boot to a healthy node").
#   bench/scripts/boot-cpu.sh karaf-distribution/target/karaf-distribution-1.0.0-SNAPSHOT.tar.gz main
# EXTRA_JAVA_OPTS is passed on (bin/setenv's options come first, these win).
set -u
tar=$1; label=$2; d=/tmp/boot-cpu/$label
rm -rf "$d"; mkdir -p "$d"; tar xzf "$tar" -C "$d" --strip-components=1
# written out before the clock starts, as the bench does (KarafRun.start)
sync
# ports below the kernel's ephemeral range, as KarafInstance.freePorts chooses them (a client connection can take one
# from that range)
free_port() { python3 -c '
import random, socket
while True:
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", random.randrange(20000, 32768))); print(s.getsockname()[1]); break
    except OSError:
        s.close()'; }
http=$(free_port); ssh=$(free_port); rmi1=$(free_port); rmi2=$(free_port)
sed -i "s/^org.osgi.service.http.port *=.*/org.osgi.service.http.port = $http/" "$d/etc/org.ops4j.pax.web.cfg"
sed -i "s/^sshPort *=.*/sshPort = $ssh/" "$d/etc/org.apache.karaf.shell.cfg"
sed -i "s/^rmiRegistryPort *=.*/rmiRegistryPort = $rmi1/; s/^rmiServerPort *=.*/rmiServerPort = $rmi2/" \
    "$d/etc/org.apache.karaf.management.cfg"
load=$(cut -d' ' -f1 /proc/loadavg)
t0=$(date +%s%N)
"$d/bin/karaf" server > "$d/console.out" 2>&1 &
script=$!
pid=""
while :; do
  now=$(date +%s%N)
  if [ $(( (now - t0) / 1000000000 )) -gt 300 ]; then echo "$label: no 200 from /health within 300 s"; break; fi
  [ -z "$pid" ] && pid=$(pgrep -f "karaf.home=$d " | head -1)
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$http/api/v1/health" || true)
  if [ "$code" = 200 ]; then
    t1=$(date +%s%N)
    [ -z "$pid" ] && pid=$(pgrep -f "karaf.home=$d " | head -1)
    ticks=$(awk '{sub(/.*\) /, ""); print $12 + $13}' "/proc/$pid/stat")
    if [ -n "${TASKS:-}" ]; then
      for t in /proc/"$pid"/task/*; do
        echo "$(cat "$t/comm")|$(awk '{sub(/.*\) /, ""); print $12 + $13}' "$t/stat")"
      done | awk -F'|' '{n = $1; gsub(/[0-9]+/, "N", n); cpu[n] += $2}
          END {for (n in cpu) if (cpu[n] >= 5) printf "  %6.2f s  %s\n", cpu[n] / 100, n}' | sort -rn
    fi
    printf "%s %s load %s: /health 200 after %.2f s, %.2f s of CPU\n" "$(date -u +%H:%M:%S)" "$label" "$load" \
        "$(echo "($t1 - $t0) / 1000000000" | bc -l)" "$(echo "$ticks / 100" | bc -l)"
    break
  fi
  sleep 0.05
done
"$d/bin/stop" > /dev/null 2>&1
for _ in $(seq 1 30); do kill -0 "$script" 2>/dev/null || break; sleep 1; done
kill "$script" 2>/dev/null
wait "$script" 2>/dev/null
