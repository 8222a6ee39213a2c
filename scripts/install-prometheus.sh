#!/usr/bin/env bash
# Installs Debian's Prometheus server for the scrape test (tests/ParallelAgents.Api.Tests/PrometheusScrapeTests.cs),
# which runs /usr/bin/prometheus itself as a child process on a free loopback port. Idempotent: does nothing when
# Prometheus is there.
#
# The package's postinst starts its service through invoke-rc.d (its /etc/init.d script; where systemd runs, through
# systemctl), which would leave a server listening on 0.0.0.0:9090. A policy-rc.d that refuses actions on
# "prometheus" keeps it from starting, and start at boot is turned off; an existing policy-rc.d is left as it is.
set -euo pipefail
if [[ -x /usr/bin/prometheus ]]; then
  echo "prometheus already installed: $(/usr/bin/prometheus --version 2>&1 | head -n 1 || echo unknown version)"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
# Other installers may hold the dpkg lock; wait for it rather than fail.
apt_get() { apt-get -o DPkg::Lock::Timeout=900 "$@"; }

# True when something listens on TCP port 9090 (0x2382), IPv4 or IPv6; needs nothing but /proc.
listening_on_9090() {
  awk 'FNR > 1 && $4 == "0A" && $2 ~ /:2382$/ { found = 1 } END { exit !found }' /proc/net/tcp /proc/net/tcp6 2>/dev/null
}
busy_before=false
if listening_on_9090; then
  busy_before=true
fi

policy=/usr/sbin/policy-rc.d
if [[ ! -e $policy ]]; then
  cat >"$policy" <<'EOF'
#!/bin/sh
# Written by scripts/install-prometheus.sh for the duration of its install: the prometheus service is not started.
for arg in "$@"; do
  [ "$arg" = prometheus ] && exit 101
done
exit 0
EOF
  chmod 755 "$policy"
  trap 'rm -f "$policy"' EXIT
fi

if ! apt-cache show prometheus >/dev/null 2>&1; then
  apt_get update
fi
if ! apt_get install -y --no-install-recommends prometheus; then
  apt_get update
  apt_get install -y --no-install-recommends prometheus
fi

# Not at boot either (update-rc.d removes the systemd unit's link too): the tests start their own server, and a
# machine that wants the service can enable it.
if [[ -d /run/systemd/system ]]; then
  systemctl disable --now prometheus.service >/dev/null 2>&1 || true
fi
update-rc.d prometheus disable >/dev/null 2>&1 || true

# Whatever started anyway (a policy-rc.d that allows it) is stopped: nothing of this install stays listening.
if ! $busy_before && listening_on_9090; then
  echo "the prometheus package started its service; stopping it"
  /etc/init.d/prometheus stop || true
  for _ in $(seq 1 30); do
    listening_on_9090 || break
    sleep 1
  done
  if listening_on_9090; then
    echo "error: something still listens on port 9090 after installing prometheus; stop the prometheus service" >&2
    exit 1
  fi
fi
echo "prometheus installed: $(/usr/bin/prometheus --version 2>&1 | head -n 1)"
