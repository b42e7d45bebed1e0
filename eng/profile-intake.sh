#!/usr/bin/env bash
# Profiles the complaints service under the intake benchmark's load and prints where its CPU goes:
#   bash eng/profile-intake.sh [--seconds 20] [--after-round 3] [--top 10]
# It runs `bash eng/bench.sh intake` with more rounds than usual, waits until round N has ended (past the JIT warm-up),
# samples the complaints service with Linux perf for the given seconds, and prints the top frames by CPU (self time),
# the split by thread name and by kind (kernel, runtime, managed). Needs Linux perf (Debian: apt-get install linux-perf;
# not among the test prerequisites) and root or perf_event_paranoid <= 1.
# For method names, the services run with DOTNET_PerfMapEnabled=1 (the runtime writes /tmp/perf-PID.map) and
# DOTNET_EnableWriteXorExecute=0 (with W^X, JIT code lives in a memfd mapping perf cannot name); both only here.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=20 after_round=3 top=10
while [[ $# -gt 0 ]]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --after-round) after_round="$2"; shift 2 ;;
    --top) top="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
command -v perf > /dev/null || { echo "perf is missing: apt-get install linux-perf" >&2; exit 2; }
out=$(mktemp -d /tmp/oversight-profile-XXXXXX)
export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0
bash eng/bench.sh intake --rounds $((after_round + 3)) --seconds 15 > "$out/bench.log" 2>&1 &
bench=$!
trap 'kill $bench 2> /dev/null || true' EXIT
until grep -q "  round ${after_round}:" "$out/bench.log"; do
  kill -0 $bench 2> /dev/null || { tail -20 "$out/bench.log"; echo "the benchmark stopped early" >&2; exit 1; }
  sleep 2
done
pid=$(pgrep -f "services/Complaints/bin/Release/net10.0/Oversight.Complaints" | head -1)
perf record -F 499 -g -p "$pid" -o "$out/perf.data" -- sleep "$seconds" 2> /dev/null
grep "  round " "$out/bench.log" | cut -c1-160
echo
echo "Complaints service, $seconds s after round $after_round; share of its CPU samples:"
perf report -i "$out/perf.data" --no-children --sort sym --stdio -g none 2> /dev/null \
  | python3 "$(dirname "$0")/profile-summary.py" --top "$top"
perf report -i "$out/perf.data" --no-children --sort comm --stdio -g none 2> /dev/null | grep "%" | head -8
echo "perf data and the benchmark's log: $out"
wait $bench || true
