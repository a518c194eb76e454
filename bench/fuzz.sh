#!/usr/bin/env bash
# A longer fuzz run than the one `dotnet test` makes: the three suites of tests/RemediationGen.Tests/Fuzz (facts files,
# logs, command lines) share MINUTES, starting at FIRST_SEED (default: the time). Prints each suite's counts.
# A failure prints its seed, mutation and the command that replays it. Usage: bench/fuzz.sh MINUTES [FIRST_SEED]
set -euo pipefail
cd "$(dirname "$0")/.."
minutes="${1:?usage: bench/fuzz.sh MINUTES [FIRST_SEED]}"
seed="${2:-$(date +%s)}"
report="$(mktemp)"
trap 'rm -f "$report"' EXIT

status=0
FUZZ_MINUTES="$minutes" FUZZ_SEED="$seed" FUZZ_REPORT="$report" \
  dotnet test tests/RemediationGen.Tests -c Release --filter "Category=Fuzz" --logger "console;verbosity=normal" -nologo || status=$?
echo "--- fuzz counts (first seed $seed, $minutes min) ---"
cat "$report"
exit "$status"
