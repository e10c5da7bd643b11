#!/usr/bin/env bash
# Install propalint with its test extras into .venv and run every test.
# This is the README's test command; CI runs it through .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[test]'
if [ -n "${CI:-}" ] || ! command -v chromium >/dev/null 2>&1; then bash scripts/install-browser.sh || echo "test.sh: could not install chromium; browser tests will be skipped" >&2; fi
.venv/bin/python -m pytest -q "$@"
# the opt-in compiled build (scripts/build_mypyc.py): same bytes out, same tests passed
if [ -z "${PROPALINT_SKIP_COMPILED:-}" ]; then bash scripts/test-compiled.sh "$@"; fi
