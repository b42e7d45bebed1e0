#!/usr/bin/env bash
# Installs what Oversight needs on Debian 12 and is not there yet: the servers it runs as plain
# processes (PostgreSQL, Redis, RabbitMQ), the tool that runs PostgreSQL as its own user (setpriv), and curl and jq
# for the README's examples.
# With --tests also what only the tests use: the headless browser the browser tests drive (chromium) and
# Node.js with npm for the Node client test.
# Needs root (or sudo) for apt-get; without root, install the packages below yourself first.
set -euo pipefail

packages=()
[ -x /usr/lib/postgresql/15/bin/postgres ] || packages+=(postgresql)
[ -x /usr/bin/redis-server ] || packages+=(redis-server)
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || packages+=(rabbitmq-server)
command -v setpriv >/dev/null || packages+=(util-linux)
# The README's examples (and the test that runs them) call the services with curl and read the answers with jq.
command -v curl >/dev/null || packages+=(curl)
command -v jq >/dev/null || packages+=(jq)
if [ "${1:-}" = "--tests" ]; then
  # The browser tests drive Debian's headless Chromium (through Playwright, without its browser download).
  [ -x /usr/bin/chromium ] || packages+=(chromium)
  # tests/clients/node: an integrator written in Node (18 or later; Debian 12 ships 18).
  command -v node >/dev/null || packages+=(nodejs)
  command -v npm >/dev/null || packages+=(npm)
fi

if [ ${#packages[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
    echo "Missing Debian packages: ${packages[*]}. Install them as root (apt-get install -y ${packages[*]}) and run again." >&2
    exit 1
  fi
  echo "Installing Debian packages: ${packages[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi

# The packages start system-wide servers where an init system exists; Oversight runs its own
# copies on other ports, so those are left alone. Nothing else to do.
if ! command -v dotnet >/dev/null; then
  echo "The .NET 10 SDK is missing: see https://learn.microsoft.com/dotnet/core/install/linux-debian" >&2
  exit 1
fi
