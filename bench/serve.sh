#!/usr/bin/env bash
# Service benchmarks for the README's `ehcp serve` section, with wrk (Debian's) against a
# real `ehcp serve` on loopback:
#   - lint of the ~30-page benchmark plan at two concurrent connections: p50, p99, req/s
#   - PDF render of the same plan at two connections: p50, p99
#   - resident memory of the server over 100,000 lint requests (sampled after 10,000 of
#     warm-up; EHCP_BENCH_REQUESTS and EHCP_BENCH_WARMUP change the counts)
#
#   bench/serve.sh           # writes bench/results/serve.md (and prints it)
set -euo pipefail
cd "$(dirname "$0")/.."
ehcp="${EHCP_BIN:-$PWD/build/ehcp}"  # EHCP_BIN: another build, to compare back to back
data="${EHCP_BENCH_DATA:-/tmp/ehcp-bench}"
results=bench/results
mkdir -p "$results" "$data"
[ -d "$data/one" ] || /usr/bin/python3 bench/generate_caseload.py --plans 1 --size large --out "$data/one"
plan="$data/one/plan-00000.xml"
seconds="${EHCP_BENCH_SECONDS:-20}"
requests="${EHCP_BENCH_REQUESTS:-100000}"
warmup="${EHCP_BENCH_WARMUP:-10000}"

log=$(mktemp)
"$ehcp" serve --listen 127.0.0.1:0 --workers 2 >"$log.out" 2>"$log" &
server=$!
trap 'kill $server 2>/dev/null; rm -f "$log" "$log.out"' EXIT
for _ in $(seq 100); do grep -q listening "$log.out" 2>/dev/null && break; sleep 0.1; done
url=$(grep -o 'http://[^ ]*' "$log.out")
rss_kb() { awk '/VmRSS/ {print $2}' /proc/$server/status; }  # ehcp execs ehcp-serve in place

run() {  # run ENDPOINT EXPECTED_STATUS SECONDS: wrk at two connections
  EHCP_PLAN="$plan" EHCP_STATUS="$2" wrk -t2 -c2 -d"${3}s" --latency -s bench/serve/post_plan.lua "$url${1#/}"
}
field() { grep -o "$1=[0-9.]*" | cut -d= -f2; }

lint_out=$(run /v1/lint 200 "$seconds")
render_out=$(run "/v1/render?format=pdf" 200 "$seconds")
lint_rps=$(echo "$lint_out" | awk '/Requests\/sec/ {print $2}')
echo "lint: $(echo "$lint_out" | grep p50_ms) $lint_rps req/s; render: $(echo "$render_out" | grep p50_ms)" >&2

# Memory: warm up with $warmup lint requests, then sample RSS every 2 s while $requests more
# are answered (counted from the server's own /metrics).
EHCP_PLAN="$plan" wrk -t2 -c2 -d3600s -s bench/serve/post_plan.lua "${url}v1/lint" >/dev/null 2>&1 &
load=$!
count() { curl -s "${url}metrics" | awk '/^ehcp_requests_total\{endpoint="\/v1\/lint",status="200"\}/ {print $2}'; }
base=$(count)
while [ $(($(count) - base)) -lt "$warmup" ]; do sleep 1; done
warm=$(count)
rss_samples=()
while :; do
  sleep 2
  rss_samples+=("$(rss_kb)")
  total=$(($(count) - warm))
  [ "$total" -ge "$requests" ] && break
done
kill $load
rss_first=${rss_samples[0]}
rss_min=$(printf '%s\n' "${rss_samples[@]}" | sort -n | head -1)
rss_max=$(printf '%s\n' "${rss_samples[@]}" | sort -n | tail -1)

{
  echo "# ehcp serve benchmark"
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(. /etc/os-release; echo "$PRETTY_NAME")."
  echo "Load average while measuring: $(cut -d' ' -f1-3 /proc/loadavg) (other builds share the machine when this is above 2)."
  echo "Date: $(date -u +%Y-%m-%d). Plan: $(wc -c <"$plan") bytes (about 30 rendered pages). Server: 2 workers; load: wrk, 2 connections, ${seconds} s each."
  echo
  echo "| what | p50 | p99 | throughput |"
  echo "| --- | --- | --- | --- |"
  echo "| lint (JSON) | $(echo "$lint_out" | field p50_ms) ms | $(echo "$lint_out" | field p99_ms) ms | $lint_rps req/s |"
  echo "| render PDF | $(echo "$render_out" | field p50_ms) ms | $(echo "$render_out" | field p99_ms) ms | $(echo "$render_out" | awk '/Requests\/sec/ {print $2}') req/s |"
  echo
  echo "Resident memory over $total lint requests after $warmup of warm-up: $((rss_min / 1024))–$((rss_max / 1024)) MB in ${#rss_samples[@]} samples (first $((rss_first / 1024)) MB)."
  echo
  echo "Reproduce with \`bench/serve.sh\` (EHCP_BENCH_SECONDS sets each run's length)."
} | tee "$results/serve.md"
