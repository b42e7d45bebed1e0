#!/usr/bin/env bash
# Runs every test: installs what is missing, builds, runs the unit and integration tests (the
# integration tests start their own PostgreSQL, Redis and RabbitMQ on free ports), and ends with
# one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
bash eng/install-prerequisites.sh --tests || exit 1
# The Node client's two packages, at the versions of its package-lock.json.
npm ci --prefix tests/clients/node --no-audit --no-fund --loglevel=error >/dev/null || { echo "0 passed, 1 failed (npm ci failed)"; exit 1; }
dotnet build Oversight.sln -c Debug -v quiet -nologo || { echo "0 passed, 1 failed (build failed)"; exit 1; }

passed=0; failed=0; status=0; failures=$(mktemp)
for project in tests/Oversight.UnitTests tests/Oversight.IntegrationTests; do
  log=$(mktemp)
  dotnet test --project "$project" --no-build 2>&1 | tee "$log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
  # The Microsoft.Testing.Platform summary prints "succeeded: N" and "failed: N".
  p=$(grep -aE '^\s+succeeded: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+' || true)
  f=$(grep -aE '^\s+failed: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+' || true)
  if [ -z "$p" ]; then p=0; f=$(( ${f:-0} + 1 )); echo "no test summary from $project (crash?)"; fi
  passed=$(( passed + p )); failed=$(( failed + ${f:-0} ))
  # Each failed test's name and the first lines of its message, repeated at the end: a long run's log is read from
  # its tail, and a class fixture's failure says why only there.
  awk '/^failed [A-Za-z]/ { print; n = 8; next } n > 0 && /^  / && !/^  from / { print; n-- } !/^  / { n = 0 }' \
    "$log" >> "$failures" || true
  rm -f "$log"
done
if [ -s "$failures" ]; then echo "Failed tests:"; sed 's/^failed /- /' "$failures"; fi
rm -f "$failures"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
