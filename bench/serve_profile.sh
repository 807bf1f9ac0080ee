#!/usr/bin/env bash
# Instructions per lint request inside `ehcp-serve`, with valgrind's callgrind: one worker,
# one warm-up request (rules and matchers are built on first use), counters zeroed, then
# N requests of the ~30-page benchmark plan. Unlike the wrk figures this does not depend
# on what else the machine is doing.
#
#   bench/serve_profile.sh [N]        # prints instructions per request; keeps the profile
#   callgrind_annotate --inclusive=yes build/serve-lint.callgrind | less
#   EHCP_SERVE=OLD/ehcp-serve EHCP_PROFILE_OUT=old.callgrind bench/serve_profile.sh  # another build
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-20}"
data="${EHCP_BENCH_DATA:-/tmp/ehcp-bench}"
[ -d "$data/one" ] || /usr/bin/python3 bench/generate_caseload.py --plans 1 --size large --out "$data/one"
plan="$data/one/plan-00000.xml"
out="${EHCP_PROFILE_OUT:-$PWD/build/serve-lint.callgrind}"
log=$(mktemp)
valgrind --tool=callgrind --callgrind-out-file="$out" "${EHCP_SERVE:-build/ehcp-serve}" serve \
  --listen 127.0.0.1:0 --workers 1 >"$log.out" 2>"$log" &
server=$!
trap 'kill $server 2>/dev/null; rm -f "$log" "$log.out"' EXIT
for _ in $(seq 600); do grep -q listening "$log.out" 2>/dev/null && break; sleep 0.2; done
url=$(grep -o 'http://[^ ]*' "$log.out")
post() { curl -s -o /dev/null -H 'Content-Type: application/xml' --data-binary @"$plan" "${url}v1/lint"; }
post
callgrind_control -z "$server" >/dev/null 2>&1
for _ in $(seq "$n"); do post; done
kill -TERM "$server"
wait "$server" || true
trap 'rm -f "$log" "$log.out"' EXIT
total=$(callgrind_annotate --inclusive=yes "$out" | awk '!found && /ehcp::serve::Pipeline::Lint\(/ {gsub(",", "", $1); print $1; found = 1}')
echo "instructions per lint request: $((total / n)) (callgrind, $n requests; profile in $out)"
