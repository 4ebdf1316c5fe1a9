#!/usr/bin/env bash
# Chromium from the distribution's packages for the browser tests (Playwright cannot download
# browsers here). Idempotent: does nothing when /usr/bin/chromium is already installed.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq chromium >/dev/null
