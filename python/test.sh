#!/usr/bin/env bash
# Builds the Python binding into a virtual environment and runs its tests.
# Needs only python3 (>= 3.9, with venv + pip) and a Rust toolchain; maturin
# and pytest come from PyPI. The environment lives in python/.venv (or
# $VIETNORM_VENV) and is reused by later runs.
set -euo pipefail
cd "$(dirname "$0")"
# the binding is its own workspace: the root's `cargo fmt --all` does not see
# it (skipped where rustfmt is not installed)
if cargo fmt --version >/dev/null 2>&1; then
  cargo fmt --manifest-path Cargo.toml -- --check
fi
venv="${VIETNORM_VENV:-$PWD/.venv}"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
export PATH="$venv/bin:$PATH"  # the maturin backend runs the maturin binary
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "maturin>=1.7,<2" "pytest>=7"
# `pip install ./python` with maturin as the PEP 517 backend; no build
# isolation because maturin is already in the environment.
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
  --no-build-isolation --force-reinstall --no-deps .
# pytest (not `python -m pytest`) so the source tree's vietnorm/ is not on
# sys.path: the tests import the installed package.
"$venv/bin/pytest" -q -p no:cacheprovider tests "$@"
