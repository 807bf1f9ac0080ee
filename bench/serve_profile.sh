#!/usr/bin/env bash
# Instructions per lint request inside `ehcp-serve`, with valgrind's callgrind: one worker,
# one warm-up request (rules and matchers are built on first use), counters zeroed, then
# N requests of the ~30-page benchmark plan. Unlike the wrk figures this does not depend
# on what else the machine is doing. Two figures: inside `Pipeline::Lint` (loading, lint,
# report), and the whole server process for those N requests (every thread: httplib
# accepting, reading and routing the request, admission, metrics, the access log, writing
# the answer), taken from a dump made before the server is stopped, so that shutdown is
# not counted. The difference is the service's own share.
#
#   bench/serve_profile.sh [N]        # prints instructions per request; keeps the profile
#   callgrind_annotate --inclusive=yes build/serve-lint.callgrind | less
#   EHCP_PROFILE_ENDPOINT=render bench/serve_profile.sh   # the same for /v1/render?format=pdf
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-20}"
data="${EHCP_BENCH_DATA:-/tmp/ehcp-bench}"
[ -d "$data/one" ] || /usr/bin/python3 bench/generate_caseload.py --plans 1 --size large --out "$data/one"
plan="$data/one/plan-00000.xml"
endpoint="${EHCP_PROFILE_ENDPOINT:-lint}"  # lint or render (a PDF)
case "$endpoint" in
  lint) path="v1/lint" function="Lint" ;;
  render) path="v1/render?format=pdf" function="Render" ;;
  *) echo "EHCP_PROFILE_ENDPOINT must be lint or render" >&2; exit 2 ;;
esac
out="${EHCP_PROFILE_OUT:-$PWD/build/serve-$endpoint.callgrind}"
server_bin="${EHCP_SERVE:-build/ehcp-serve}"  # another build to compare with
log=$(mktemp)
valgrind --tool=callgrind --callgrind-out-file="$out" "$server_bin" serve \
  --listen 127.0.0.1:0 --workers 1 >"$log.out" 2>"$log" &
server=$!
trap 'kill $server 2>/dev/null; rm -f "$log" "$log.out"' EXIT
for _ in $(seq 600); do grep -q listening "$log.out" 2>/dev/null && break; sleep 0.2; done
url=$(grep -o 'http://[^ ]*' "$log.out")
post() { curl -s -o /dev/null -H 'Content-Type: application/xml' --data-binary @"$plan" "${url}$path"; }
post
callgrind_control -z "$server" >/dev/null 2>&1
for _ in $(seq "$n"); do post; done
rm -f "$out".*
callgrind_control -d "$server" >/dev/null 2>&1  # the N requests, before shutdown
kill -TERM "$server"
wait "$server" || true
trap 'rm -f "$log" "$log.out"' EXIT
dump=$(ls "$out".* 2>/dev/null | head -1)
[ -n "$dump" ] && mv "$dump" "$out" && rm -f "$out".*
total=$(callgrind_annotate --inclusive=yes "$out" | awk -v fn="$function" '!found && $0 ~ ("ehcp::serve::Pipeline::" fn "\\(") {gsub(",", "", $1); print $1; found = 1}')
whole=$(callgrind_annotate "$out" | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1; exit}')
echo "instructions per $endpoint request: $((total / n)) inside Pipeline::$function, $((whole / n)) whole process (callgrind, $n requests; profile in $out)"
