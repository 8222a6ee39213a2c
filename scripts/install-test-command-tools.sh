#!/usr/bin/env bash
# Tools the test command's tests run: pytest (Debian python3-pytest), node (for node --test), and the sandbox
# wrappers from util-linux (setsid, prlimit, unshare, setpriv). Idempotent; run as root.
set -euo pipefail

need=()
/usr/bin/python3 -m pytest --version >/dev/null 2>&1 || need+=(python3-pytest)
command -v node >/dev/null 2>&1 || need+=(nodejs)
for tool in setsid prlimit unshare setpriv; do
  command -v "$tool" >/dev/null 2>&1 || { need+=(util-linux); break; }
done

if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

/usr/bin/python3 -m pytest --version
node --version
