#!/usr/bin/env bash
# Times `remediationgen diagnose` against `grep -c -F -i -f <signatures> -r` on the same synthetic log set, both with
# the files in the page cache. Usage: bench/logs.sh SIZE_MB [DIR]
#   SIZE_MB  total size of the generated logs, in MiB (e.g. 1024)
#   DIR      where to generate them (default /tmp/remediationgen-bench-logs-SIZE_MB; reused when present)
# Needs /usr/bin/time (Debian package "time") for peak memory and CPU%.
set -euo pipefail
cd "$(dirname "$0")/.."
size="${1:?usage: bench/logs.sh SIZE_MB [DIR]}"
dir="${2:-/tmp/remediationgen-bench-logs-$size}"
rid="$(dotnet --info | awk '/^ RID:/ { print $2; exit }')"
publish="artifacts/bench/publish-$rid"
tool="artifacts/bench/tool"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

dotnet publish src/RemediationGen.Cli -c Release -r "$rid" --self-contained false -o "$publish" -v quiet -nologo >/dev/null
dotnet build bench/RemediationGen.Bench -c Release -o "$tool" -v quiet -nologo >/dev/null

if [ ! -f "$dir/.complete" ]; then
  rm -rf "$dir"
  dotnet "$tool/RemediationGen.Bench.dll" generate "$dir" "$size"
  touch "$dir/.complete"
fi

dotnet "$tool/RemediationGen.Bench.dll" signatures >"$work/signatures.txt"
find "$dir" -type f -name '*.log' -exec cat {} + >/dev/null   # warm the page cache

# Runs "$@" under /usr/bin/time -v; exit codes 0 and 1 (diagnose: findings present) are success.
timed() {
  local name="$1"
  shift
  /usr/bin/time -v -o "$work/$name.time" "$@" >"$work/$name.out" 2>"$work/$name.err" || [ $? -eq 1 ]
}
field() { awk -F': ' -v key="$2" '$1 ~ key { print $2 }' "$work/$1.time"; }
seconds() { field "$1" 'Elapsed \\(wall clock\\)' | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }'; }

timed grep grep -c -F -i -f "$work/signatures.txt" -r "$dir"
timed diagnose "$publish/remediationgen" diagnose --logs "$dir" --format json

bytes=$(find "$dir" -type f -name '*.log' -printf '%s\n' | awk '{ s += $1 } END { printf "%.0f\n", s }')
files=$(find "$dir" -type f -name '*.log' | wc -l)
grep_s=$(seconds grep)
diag_s=$(seconds diagnose)
printf 'logs:      %s (%d files, %.0f MiB; %d signatures)\n' "$dir" "$files" "$(awk -v b="$bytes" 'BEGIN { print b / 1048576 }')" "$(wc -l <"$work/signatures.txt")"
printf 'grep:      %6.2f s wall, CPU %s, peak RSS %d MiB, %d matching lines\n' "$grep_s" "$(field grep 'Percent of CPU')" "$(($(field grep 'Maximum resident') / 1024))" "$(awk -F: '{ s += $NF } END { print s }' "$work/grep.out")"
printf 'diagnose:  %6.2f s wall, CPU %s, peak RSS %d MiB, %s\n' "$diag_s" "$(field diagnose 'Percent of CPU')" "$(($(field diagnose 'Maximum resident') / 1024))" "$(grep -c '"ruleId"' "$work/diagnose.out") finding(s)"
printf 'ratio:     diagnose / grep = %.2f (target <= 0.50)\n' "$(awk -v d="$diag_s" -v g="$grep_s" 'BEGIN { print d / g }')"
