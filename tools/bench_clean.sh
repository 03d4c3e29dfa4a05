#!/usr/bin/env bash
# End-to-end benchmark of `vietnorm clean` on a generated >= 500 MB archive.
#
#   bash tools/bench_clean.sh [SIZE_MB] [WORKDIR]
#
# Generates the archive once (examples/gen_archive.rs: news-like HTML, text
# and JSONL pages, a tenth gzip-compressed, 15% damaged) under WORKDIR
# (default /work/cache/clean-bench, outside the repo), then times `clean`
# with 1 and 2 worker threads under /usr/bin/time -v (wall time, CPU time,
# peak memory), and once more without diacritic repair to show what the
# other stages cost. Each run's JSON report (with seconds per stage) is kept
# in WORKDIR. Not part of CI: it takes minutes.
#
# BENCH_OUT=/dev/shm puts the outputs on a tmpfs, to separate the tool's own
# cost from the file system's (on a busy ext4 volume, creating 33k files
# costs seconds of kernel time). BENCH_RUNS picks runs (default: all).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MB=${1:-520}
WORK=${2:-/work/cache/clean-bench}
ARCH="$WORK/archive"
mkdir -p "$WORK"
cargo build --release --features cli --bin vietnorm --example gen_archive
BIN=target/release/vietnorm
# the marker sits beside the archive, not in it
if [ ! -f "$WORK/.archive-complete-$SIZE_MB" ]; then
  rm -rf "$ARCH"
  target/release/examples/gen_archive "$ARCH" "$SIZE_MB"
  touch "$WORK/.archive-complete-$SIZE_MB"
fi
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "archive: $(du -sh "$ARCH" | cut -f1) on disk, $(find "$ARCH" -type f | wc -l) files"
OUT=${BENCH_OUT:-$WORK}
run() {
  local name=$1; shift
  case " ${BENCH_RUNS:-$name} " in *" $name "*) ;; *) return 0 ;; esac
  rm -rf "$OUT/out-$name"
  /usr/bin/time -v "$BIN" clean "$ARCH" -o "$OUT/out-$name" -q --report "$WORK/report-$name.json" "$@" \
    2> "$WORK/time-$name.log" || true
  local wall user sys rss
  wall=$(grep 'Elapsed (wall' "$WORK/time-$name.log" | awk '{print $NF}')
  user=$(grep 'User time' "$WORK/time-$name.log" | awk '{print $NF}')
  sys=$(grep 'System time' "$WORK/time-$name.log" | awk '{print $NF}')
  rss=$(grep 'Maximum resident' "$WORK/time-$name.log" | awk '{print $NF}')
  python3 - "$WORK/report-$name.json" "$name" "$wall" "$user" "$sys" "$rss" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
name, wall, user, sysc, rss = sys.argv[2:]
def secs(t):
    s = 0.0
    for part in t.split(':'):
        s = s * 60 + float(part)
    return s
mb = r["bytes_in"] / 1e6
cpu = float(user) + float(sysc)
st = r["stage_seconds"]
print(f"{name}: {r['documents']} docs, {mb:.1f} MB in {secs(wall):.1f} s wall = {mb/secs(wall):.1f} MB/s; "
      f"CPU {cpu:.1f} s (user {float(user):.1f}, sys {float(sysc):.1f}) = {mb/cpu:.1f} MB/s per CPU-second; peak RSS {int(rss)/1024:.0f} MB; "
      f"failures {len(r['failures'])}; repaired docs {r['documents_repaired']}, syllables {r['syllables_changed']}")
print("   worker seconds by stage: " + ", ".join(f"{k} {v:.1f}" for k, v in st.items())
      + f"; learning pass {r.get('learning_seconds', 0):.1f} s wall")
PY
  echo "   load after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
  if [ "$OUT" != "$WORK" ]; then rm -rf "$OUT/out-$name"; fi
}
run t1-norepair --threads 1 --no-repair
run t2-norepair --threads 2 --no-repair
run t1 --threads 1
run t2 --threads 2
run t1-noadapt --threads 1 --no-adapt
