#!/usr/bin/env bash
# The fault suite (issue #8, docs/faults.md): under a steady load of submissions, kill -9 in turn RabbitMQ, Redis,
# PostgreSQL and each service, bring it back, and check the invariants after each. Starts its own PostgreSQL, Redis
# and RabbitMQ on free ports (nothing shared with other test runs). Takes about ten to fifteen minutes on two cores,
# which is why eng/test.sh does not run it.
#   bash eng/faults.sh                     every fault, in turn
#   bash eng/faults.sh redis postgres      only these (rabbitmq redis postgres region-directory complaints notifications reporting)
#   bash eng/faults.sh --replicas 2        every service in two instances (the AppHost's --replicas); a service fault kills one
#   bash eng/faults.sh site-link           only the regional site: its events at the centre, its directory copy, steps at the centre on its complaints, and its link cut for 60 s under load
# Ends with the report: one Jepsen-style block per fault, then "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
replicas=1
faults=()
while [ $# -gt 0 ]; do
  case "$1" in
    --replicas) replicas="${2:?--replicas needs a number}"; shift 2 ;;
    *) faults+=("$1"); shift ;;
  esac
done
bash eng/install-prerequisites.sh || exit 1
dotnet build tests/Oversight.FaultTests -c Debug -v quiet -nologo || { echo "0 passed, 1 failed (build failed)"; exit 1; }

report=$(mktemp --suffix=.fault-report)
log=$(mktemp --suffix=.fault-log)
started=$(date +%s)
# FAULTS picks the faults to run (all when empty); FAULTS_REPORT is where the suite writes its report.
# "site-link" is four test classes of their own (Sites/); the other names are cases of FaultSuiteTests.
filters=()
suite=()
for fault in "${faults[@]}"; do
  if [ "$fault" = site-link ]; then filters+=(--filter-class '*SiteLinkCutTests' --filter-class '*RegionalSiteTests' --filter-class '*SiteDirectoryCopyTests' --filter-class '*SiteComplaintStepsTests'); else suite+=("$fault"); fi
done
if [ ${#faults[@]} -gt 0 ] && [ ${#suite[@]} -gt 0 ]; then filters+=(--filter-class '*FaultSuiteTests'); fi
REPLICAS="$replicas" FAULTS="${suite[*]:-}" FAULTS_REPORT="$report" dotnet test --project tests/Oversight.FaultTests --no-build -- "${filters[@]}" >"$log" 2>&1
status=$?
elapsed=$(( $(date +%s) - started ))

echo
echo "=== Fault suite: $(date -u '+%Y-%m-%d %H:%M UTC'), ${elapsed}s, ${replicas} instance(s) of each service; uptime:$(uptime)"
cat "$report"
echo
# The Microsoft.Testing.Platform summary prints "succeeded: N" and "failed: N".
p=$(grep -aE '^\s+succeeded: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+' || true)
f=$(grep -aE '^\s+failed: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+' || true)
if [ -z "$p" ] || [ "$status" -ne 0 ]; then
  # Failures (or a crash): show what the test runner said.
  grep -aE 'failed|Assert|Exception|error' "$log" | head -40
fi
[ -z "$p" ] && { p=0; f=$(( ${f:-0} + 1 )); echo "no test summary (crash?): full log in $log"; }
echo "${p} passed, ${f:-0} failed"
rm -f "$report"
[ "${f:-0}" -eq 0 ] && [ "$status" -eq 0 ] && rm -f "$log"
[ "${f:-0}" -eq 0 ] && [ "$status" -eq 0 ]
