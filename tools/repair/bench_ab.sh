#!/usr/bin/env bash
# Alternating criterion timings of two `repair` bench binaries, for VMs whose
# speed wanders by ±20% from minute to minute: only rounds run in the same
# minutes compare.
#
#   bash tools/repair/bench_ab.sh BASE_BIN NEW_BIN [ROUNDS] [FILTER]
#
# BASE_BIN / NEW_BIN: `target/release/deps/repair-*` binaries, built with
# `cargo bench --bench repair --no-run` (the older one in a worktree with its
# own CARGO_TARGET_DIR). ROUNDS defaults to 2, FILTER to the four corpora
# 'repair/(clean|a_|b_|c_)'. Prints each binary's median throughput per
# corpus, round by round.
set -euo pipefail
BASE=${1:?usage: bench_ab.sh BASE_BIN NEW_BIN [ROUNDS] [FILTER]}
NEW=${2:?usage: bench_ab.sh BASE_BIN NEW_BIN [ROUNDS] [FILTER]}
ROUNDS=${3:-2}
FILTER=${4:-'repair/(clean|a_|b_|c_)'}
medians() {
  "$1" --bench --warm-up-time 2 --measurement-time 5 "$FILTER" 2>&1 | python3 -c '
import re, sys
name, out = None, []
for line in sys.stdin:
    m = re.match(r"^(repair/\S+)", line)
    if m:
        name = m.group(1)
    m = re.search(r"thrpt:\s+\[([\d.]+) (\S+) ([\d.]+) (\S+)", line)
    if m and name:
        out.append("%s %s %s" % (name.split("/")[1], m.group(3), m.group(4)))
        name = None
print("  ".join(out))'
}
for r in $(seq "$ROUNDS"); do
  echo "round $r $(date -u +%H:%M) base: $(medians "$BASE")"
  echo "round $r $(date -u +%H:%M) new:  $(medians "$NEW")"
done
