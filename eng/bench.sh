#!/usr/bin/env bash
# Runs a benchmark against real servers and services started by the test library, in Release:
#   bash eng/bench.sh directory [--seconds 10] [--concurrency 16] [--rounds 3] [--warmup 3]
#   bash eng/bench.sh intake    [--seconds 10] [--concurrency 16] [--rounds 3] [--warmup 3]
#     (complaints accepted per second end to end, next to the raw limits of the same run: INSERT + COMMIT on the same
#      PostgreSQL, publish + confirm on the same RabbitMQ, a bare gRPC echo on the same machine)
#   bash eng/bench.sh notifications [--seconds 10] [--concurrency 16] [--rounds 3] [--warmup 3] [--events 300]
#     (webhook deliveries per second and the delay from a complaint's commit to its webhook, through intake and
#      with events published straight onto the exchange)
#   bash eng/bench.sh reporting [--seconds 10] [--concurrency 16] [--rounds 3] [--events 1000] [--rate 50]
#     (events applied per second and the delay from an event's publish to the summary showing it)
#   bash eng/bench.sh startup [--seconds 60] [--rate 50] [--rounds 1]
#     (each service's resident memory when idle after the start and after load; the complaints service's p50/p99 at an
#      open-loop rate in the first period after a restart, next to the steady state)
# Prints each round and then a Markdown table of medians (see docs/performance.md).
set -euo pipefail
cd "$(dirname "$0")/.."
bash eng/install-prerequisites.sh
dotnet build bench/Oversight.Bench -c Release -v quiet -nologo
exec dotnet bench/Oversight.Bench/bin/Release/net10.0/Oversight.Bench.dll "$@"
