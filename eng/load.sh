#!/usr/bin/env bash
# Runs the load generator (issue #8) in Release, against a system it starts with the test library, or one
# started by the AppHost (--target ...):
#   bash eng/load.sh burst [--concurrency 16 | --rate 50] [--seconds 20] [--offices 24]
#   bash eng/load.sh burst --find-max [--from 5 --factor 1.5 --p99-limit 200] (warms up 120 s first)
#   bash eng/load.sh mix [--rate 20]
#   bash eng/load.sh situation-room [--concurrency 16] [--watchers 5]
# Prints Markdown tables (per operation, end-to-end delays, CPU and dependencies); --json FILE for machines.
# All options: bash eng/load.sh --help. See docs/performance.md, "Load generator".
set -euo pipefail
cd "$(dirname "$0")/.."
bash eng/install-prerequisites.sh
dotnet build tools/Oversight.LoadGen -c Release -v quiet -nologo
exec dotnet tools/Oversight.LoadGen/bin/Release/net10.0/Oversight.LoadGen.dll "$@"
