#!/usr/bin/env bash
# Create .venv and install caseboard with its development tools, from the package index only.
set -euo pipefail
PY=${1:-python3.11}
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[dev]"
