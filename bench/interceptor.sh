#!/usr/bin/env bash
# JMH: per-request cost of putting a cached bearer token on a request, Retrospec's BearerAuth interceptor (with the
# in-memory store, and with the token shared through RedisTokenStore on a redis-server this script starts) against a
# plain synchronized token holder (the shape OpenAPI Generator's retrofit2 clients ship), and the retry interceptor's
# happy path beside them (RetryBenchmark), then throughput of the token interceptors at 1, 8 and 64 threads. Prints
# a side-by-side table and records it in bench/RESULTS.md. Takes about 9 minutes; run it on an idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
bench_build
JAR=bench/target/benchmarks.jar
OUT=bench/out
mkdir -p "$OUT"
JVM="-XX:+UseParallelGC -Xms2g -Xmx2g"
command -v redis-server >/dev/null || { echo "redis-server is not on the PATH (Debian: apt-get install redis-server)"; exit 1; }
REDIS_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no >/dev/null &
REDIS_PID=$!
trap 'kill $REDIS_PID 2>/dev/null' EXIT
COMMON=(-f 3 -wi 5 -w 1s -i 8 -r 1s -jvmArgsAppend "$JVM -Dretrospec.redis=redis://127.0.0.1:$REDIS_PORT" -rf csv)

java -jar "$JAR" 'InterceptorBenchmark|RetryBenchmark|RequestCopyBenchmark.addPrevalidatedHeaders' -bm avgt -tu ns -t 1 -prof gc \
  "${COMMON[@]}" -rff "$OUT/latency.csv" > "$OUT/latency.log"
for t in 1 8 64; do
  java -jar "$JAR" InterceptorBenchmark -bm thrpt -tu us -t "$t" "${COMMON[@]}" -rff "$OUT/throughput-$t.csv" \
    > "$OUT/throughput-$t.log"
done

# CSV columns: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit"
value() { # file benchmark-suffix -> "score ± error"
  awk -F, -v b="$2" '{gsub(/"/,"")} $1 ~ ("\\." b "$") {printf "%.1f ± %.1f", $5, $6}' "$1"
}
TABLE=$OUT/table.txt
{
echo "Cached-token cost per request, 1 thread (ns/op, lower is better; B/op = bytes allocated)"
printf "%-22s %18s %12s\n" "interceptor" "ns/op" "B/op"
for b in retrospec retrospecRedisStore synchronizedHolder; do
  printf "%-22s %18s %12s\n" "$b" "$(value "$OUT/latency.csv" "$b")" \
    "$(awk -F, -v b="$b" '{gsub(/"/,"")} $1 ~ ("\\." b ":gc.alloc.rate.norm$") {printf "%.0f", $5}' "$OUT/latency.csv")"
done
printf "%-22s %18s\n" "floor: request copy" "$(value "$OUT/latency.csv" addPrevalidatedHeaders)"
echo
echo "Retry interceptor on the happy path (200 at once), 1 thread"
printf "%-22s %18s %12s\n" "request" "ns/op" "B/op"
for b in get keyedPost; do
  printf "%-22s %18s %12s\n" "retries $b" "$(value "$OUT/latency.csv" "RetryBenchmark.$b")" \
    "$(awk -F, -v b="RetryBenchmark.$b" '{gsub(/"/,"")} $1 ~ ("\\." b ":gc.alloc.rate.norm$") {printf "%.0f", $5}' "$OUT/latency.csv")"
done
echo
echo "Throughput (ops/us, higher is better) on $(nproc) cores"
printf "%-22s %16s %16s %16s\n" "interceptor" "1 thread" "8 threads" "64 threads"
for b in retrospec retrospecRedisStore synchronizedHolder; do
  printf "%-22s %16s %16s %16s\n" "$b" "$(value "$OUT/throughput-1.csv" "$b")" \
    "$(value "$OUT/throughput-8.csv" "$b")" "$(value "$OUT/throughput-64.csv" "$b")"
done
echo "JMH 1.37, 3 forks x 8 x 1 s after 5 x 1 s of warm-up, $JVM; ± is the 99.9% interval."
} | tee "$TABLE"
record auth "Runtime auth: bearer token on every request (bench/interceptor.sh)" "$TABLE"
