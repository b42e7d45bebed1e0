#!/usr/bin/env bash
# Runs the whole system: installs what is missing, builds, and starts the AppHost, which starts
# PostgreSQL, Redis, RabbitMQ and the four services and prints their URLs. Ctrl+C stops all of it.
# Options are passed to the AppHost: --fresh (wipe the state folder), --port-offset N, --state-dir DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
bash eng/install-prerequisites.sh
dotnet build Oversight.sln -c Release -v quiet -nologo
exec dotnet AppHost/Oversight.AppHost/bin/Release/net10.0/Oversight.AppHost.dll "$@"
