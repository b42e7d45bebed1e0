#!/usr/bin/env bash
# Runs the whole system: installs what is missing, builds, and starts the .NET Aspire AppHost, which runs PostgreSQL,
# Redis, RabbitMQ and the four services under DCP and serves the Aspire dashboard. It prints the dashboard's login URL
# and, once all is ready, the services' URLs. Ctrl+C (or SIGTERM) stops all of it.
# Options are passed to the AppHost: --fresh (wipe the state folder first), --state-dir DIR, --replicas N (or NAME=N),
# --site 52 (a regional site for a province), --allow-private-webhooks.
set -euo pipefail
cd "$(dirname "$0")/.."
bash eng/install-prerequisites.sh
dotnet build AppHost/Oversight.AppHost -c Release -v quiet -nologo
# exec: the AppHost is this shell's process, so Ctrl+C and SIGTERM reach it, and it stops what DCP started.
exec AppHost/Oversight.AppHost/bin/Release/net10.0/Oversight.AppHost "$@"
