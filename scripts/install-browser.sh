#!/usr/bin/env bash
# Install what the browser test (tests/browser/) needs on a fresh Debian machine: Debian's
# chromium package. Playwright's Python package only drives it through executable_path, so
# no browser download ("playwright install") is ever needed.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
chromium --version
