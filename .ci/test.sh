#!/usr/bin/env bash
# Runs every test: the library, the golden files, the CLI (the real binary).
# The Python binding's tests join here once python/ exists.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --all-features
if [ -f python/pyproject.toml ]; then
  bash python/test.sh
fi
