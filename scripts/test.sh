#!/usr/bin/env bash
# Install propalint with its test extras into .venv and run every test.
# This is the README's test command; CI runs it through .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[test]'
.venv/bin/python -m pytest -q "$@"
