#!/usr/bin/env bash
# Whole-process wall time of `remediationgen generate --demo`, median of N runs (default 5) after 2 warm-ups,
# on the ReadyToRun build that `dotnet publish -r <rid>` produces. Usage: bench/startup.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
rid="$(dotnet --info | awk '/^ RID:/ { print $2; exit }')"
publish="artifacts/bench/publish-$rid"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

dotnet publish src/RemediationGen.Cli -c Release -r "$rid" --self-contained false -o "$publish" -v quiet -nologo >/dev/null

measure() {
  local times=() i start end
  for ((i = 0; i < runs + 2; i++)); do
    rm -rf "$out/packages"
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || [ $? -eq 1 ]
    end=$(date +%s%N)
    ((i >= 2)) && times+=($(((end - start) / 1000000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%d ms (median of %d; min %d, max %d)\n", m, NR, a[1], a[NR] }'
}

printf 'remediationgen --version:               '; measure "$publish/remediationgen" --version
printf 'remediationgen generate --demo:         '; measure "$publish/remediationgen" generate --demo --out "$out/packages"
printf 'remediationgen diagnose --demo:         '; measure "$publish/remediationgen" diagnose --demo
