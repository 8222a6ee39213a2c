#!/usr/bin/env bash
# Installs Debian's Chromium for the dashboard's browser tests (driven by Microsoft.Playwright with the system
# browser, so Playwright's own browser download is never run). Idempotent: does nothing when Chromium is there.
set -euo pipefail
if [[ -x /usr/bin/chromium ]]; then
  echo "chromium already installed: $(/usr/bin/chromium --version 2>/dev/null || echo unknown version)"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
# Other installers may hold the dpkg lock; wait for it rather than fail.
apt_get() { apt-get -o DPkg::Lock::Timeout=900 "$@"; }
if ! apt-cache show chromium >/dev/null 2>&1; then
  apt_get update
fi
if ! apt_get install -y --no-install-recommends chromium fonts-dejavu-core; then
  apt_get update
  apt_get install -y --no-install-recommends chromium fonts-dejavu-core
fi
echo "chromium installed: $(/usr/bin/chromium --version 2>/dev/null || echo unknown version)"
