#!/usr/bin/env bash
# The main job over the bundled samples: sets up, builds, then runs the pipeline on every
# sample case and writes the results to out/ (or the folder given as $1).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-out}"

scripts/setup.sh
scripts/build.sh build
mkdir -p "$out"
ehcp=build/ehcp
status=0

echo "== validate: every sample plan and contribution"
"$ehcp" validate samples/*/plan.xml samples/*/contributions/*.xml | tee "$out/validation.txt" || status=$?
"$ehcp" validate --format json samples/*/plan.xml samples/*/contributions/*.xml > "$out/validation.json" || true

echo "== validate: the bad inputs in samples/invalid are refused (expected to fail)"
if "$ehcp" validate samples/invalid/*.xml > "$out/invalid-inputs.txt"; then
  echo "error: an invalid sample was accepted" >&2
  status=1
else
  grep -c ": error: " "$out/invalid-inputs.txt" | xargs -I{} echo "{} errors reported, see $out/invalid-inputs.txt"
fi

echo "Results in $out/"
exit "$status"
