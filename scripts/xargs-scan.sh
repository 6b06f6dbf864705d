#!/usr/bin/env bash
# One scan split into tasks and run by xargs on one machine (or machines sharing a
# filesystem): plan, every (shard, partition) in parallel, merge. No dependencies
# beyond bash, coreutils, xargs and exhibit. See docs/scale-out.md.
#
#   scripts/xargs-scan.sh CASE OUT.json [SHARDS] [PARTITIONS]
#
# Environment: EXHIBIT (the binary; default: exhibit on PATH, else .build/release or
# .build/debug), JOBS (parallel tasks; default: cores), THREADS (threads per task;
# default 1), WORK (folder for the plan and partials; default: a temporary folder,
# removed at the end; set it to resume an interrupted run: finished tasks are skipped),
# STORE (the results store folder the merge writes; default: the case's).
set -euo pipefail

if [ $# -lt 2 ] || [ $# -gt 4 ]; then
  echo "usage: $0 CASE OUT.json [SHARDS] [PARTITIONS]" >&2
  exit 2
fi
case_dir=$1 out=$2 shards=${3:-2} partitions=${4:-2}
here=$(cd "$(dirname "$0")/.." && pwd)
exhibit=${EXHIBIT:-}
if [ -z "$exhibit" ]; then
  if command -v exhibit >/dev/null 2>&1; then exhibit=$(command -v exhibit)
  elif [ -x "$here/.build/release/exhibit" ]; then exhibit=$here/.build/release/exhibit
  else exhibit=$here/.build/debug/exhibit; fi
fi
jobs=${JOBS:-$(nproc 2>/dev/null || echo 2)}
threads=${THREADS:-1}
work=${WORK:-}
if [ -z "$work" ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work/partials"

plan=$work/plan.json
# A kept plan is reused, so a rerun finds its finished tasks by name. The plan command
# prints "SHARDS PARTITIONS HASH" (a small case may hold fewer than asked).
if [ ! -s "$plan" ] || [ ! -s "$work/plan.counts" ]; then
  "$exhibit" shard plan "$case_dir" --shards "$shards" --partitions "$partitions" --out "$plan" >"$work/plan.counts"
fi
read -r n_shards n_parts _ <"$work/plan.counts"

export EXHIBIT_BIN=$exhibit PLAN=$plan PARTIALS=$work/partials THREADS=$threads CASE_DIR=$case_dir
for ((s = 0; s < n_shards; s++)); do
  for ((p = 0; p < n_parts; p++)); do echo "$s $p"; done
done | xargs -P "$jobs" -n 2 sh -c \
  'exec "$EXHIBIT_BIN" shard scan "$PLAN" --shard "$1" --partition "$2" --out "$PARTIALS" --threads "$THREADS" --case "$CASE_DIR"' sh

store=()
[ -z "${STORE:-}" ] || store=(--store "$STORE")
"$exhibit" shard merge "$plan" "$work/partials" --case "$case_dir" --json "$out" "${store[@]}"
