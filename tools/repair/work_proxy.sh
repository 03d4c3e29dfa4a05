#!/usr/bin/env bash
# A deterministic measure of the work `repair` does, for comparing two builds
# on a VM whose timings wander by ±20%.
#
#   bash tools/repair/work_proxy.sh KIND [WORDS] [FILE] [EVAL_BIN]
#
# Runs `eval_repair --kinds KIND --speed 1` (one timed pass after the
# evaluation pass) on the first WORDS words (default 100000) of FILE (default
# the held-out news of ../shared/devdata, for measuring only) under
# valgrind's cachegrind with a 512 KiB last-level cache (the size of the L2
# the repair tables compete for on the small VMs), and prints instructions,
# L1 data misses, last-level data misses and a proxy of cycles:
# Ir + 12 × D1 misses + 60 × LL misses. Not a timing: the proxy ignores
# overlapping misses and branch mispredictions, but it moves with the
# lookups and cache misses the repair optimisations are about, and gives the
# same figure every run. EVAL_BIN defaults to this tree's release build.
# With SCOPE=repair, callgrind counts only what runs inside `repair_doc`.
set -euo pipefail
cd "$(dirname "$0")/../.."
KIND=${1:?usage: work_proxy.sh KIND [WORDS] [FILE] [EVAL_BIN]}
WORDS=${2:-100000}
FILE=${3:-../shared/devdata/unc_dantri_2020.txt}
BIN=${4:-}
if [ -z "$BIN" ]; then
  cargo build --release --example eval_repair >&2
  BIN=target/release/examples/eval_repair
fi
if [ "${SCOPE:-all}" = repair ]; then
  # only inside repair_doc: the evaluation's own work (damaging, scoring,
  # normalising) left out, which on (a) is a third of the whole
  OUT=$(mktemp)
  valgrind --tool=callgrind --toggle-collect='*repair_doc*' --cache-sim=yes \
    --LL=524288,8,64 --callgrind-out-file="$OUT" \
    "$BIN" --max-words "$WORDS" --kinds "$KIND" --speed 1 "$FILE" >/dev/null 2>&1
  callgrind_annotate "$OUT" 2>/dev/null | grep 'PROGRAM TOTALS' | python3 -c '
import sys
v = [int(x.replace(",", "")) for x in sys.stdin.read().split()
     if x.replace(",", "").isdigit()]
# callgrind order: Ir Dr Dw I1mr D1mr D1mw ILmr DLmr DLmw
i, d, l = v[0], v[4] + v[5], v[7] + v[8]
print("Ir %.1fM  D1 misses %.2fM  LL misses %.2fM  proxy %.1fM (repair_doc only)"
      % (i / 1e6, d / 1e6, l / 1e6, (i + 12 * d + 60 * l) / 1e6))'
  rm -f "$OUT"
  exit 0
fi
valgrind --tool=cachegrind --cache-sim=yes --LL=524288,8,64 \
  --cachegrind-out-file=/dev/null \
  "$BIN" --max-words "$WORDS" --kinds "$KIND" --speed 1 "$FILE" 2>&1 |
  python3 -c '
import re, sys
v = {}
for line in sys.stdin:
    m = re.search(r"(I\s+refs|D1\s+misses|LLd misses):\s+([\d,]+)", line)
    if m:
        v[m.group(1).split()[0]] = int(m.group(2).replace(",", ""))
i, d, l = v["I"], v["D1"], v["LLd"]
print("Ir %.1fM  D1 misses %.2fM  LL misses %.2fM  proxy %.1fM"
      % (i / 1e6, d / 1e6, l / 1e6, (i + 12 * d + 60 * l) / 1e6))'
