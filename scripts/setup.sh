#!/usr/bin/env bash
# Set up autocoder in ./.venv: a CPU build of PyTorch (pinned, so pip does not pull CUDA),
# then the package with its sentence-transformers and development extras.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip 2>&1 | grep -v "is ignored" || true
.venv/bin/python -m pip install -q "torch==2.13.0" 2>&1 | grep -v "is ignored" || true
.venv/bin/python -m pip install -q -e ".[transformers,dev]" 2>&1 | grep -v "is ignored" || true
.venv/bin/python -c "import autocoder, torch, sentence_transformers" \
  || { echo "setup failed: see the pip output above" >&2; exit 1; }
echo "autocoder is installed in .venv (activate with: . .venv/bin/activate)"
