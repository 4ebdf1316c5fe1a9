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
# Visualisation libraries inlined into brief.html (vis-timeline, vis-network), pinned by
# frontend/package-lock.json and installed into the venv (never committed). Without npm the
# brief still works, only without the interactive timeline and graph.
if command -v npm >/dev/null 2>&1; then
  mkdir -p .venv/frontend
  cp frontend/package.json frontend/package-lock.json .venv/frontend/
  (cd .venv/frontend && npm ci --silent --no-audit --no-fund) || echo "warning: npm ci failed; briefs will have no interactive timeline/graph" >&2
else
  echo "note: npm not found; briefs will have no interactive timeline/graph" >&2
fi
