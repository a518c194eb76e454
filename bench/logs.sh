#!/usr/bin/env bash
# Times `remediationgen diagnose` against grep and ripgrep with the same literal signatures on the same synthetic log
# set, files in the page cache. Usage: bench/logs.sh [--profile sparse|dense|prefix-heavy] [--runs N] SIZE_MB [DIR]
#   --profile  sparse (default; rare findings), dense (busy SMSPXE.log files, ~15% of records hold a signature) or
#              prefix-heavy (distmgr.log text full of the signatures' opening words, no hit); see SyntheticLogSet.cs
#   --runs     runs per command (default 3), interleaved: diagnose, grep -F, grep -F -i, rg -F, then again
#   --baseline a published build to time as "before" in the same interleaved runs (e.g. a copy of an earlier
#              artifacts/bench/publish-RID), for before/after figures on a shared machine
#   SIZE_MB    total size of the generated logs, in MiB (e.g. 1024)
#   DIR        where to generate them (default /tmp/remediationgen-bench-logs-SIZE_MB[-PROFILE]; reused when present)
# Prints wall time (min, median), CPU (user+sys, median) and peak RSS (max) per command, the ratio of diagnose to
# case-sensitive grep -c -F (medians), then single-file figures: start-up, per-core no-hit throughput (prefix-heavy)
# and per-hit cost (dense), and the scanner's own split of that file's CPU time (bench tool "scan"). Needs /usr/bin/time (Debian package "time"); installs ripgrep when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
profile=sparse
runs=3
baseline=""
while [ $# -gt 0 ]; do
  case "$1" in
    --profile) profile="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --baseline) baseline="$2"; shift 2 ;;
    *) break ;;
  esac
done
case "$profile" in sparse|dense|prefix-heavy) ;; *) echo "unknown profile: $profile" >&2; exit 2 ;; esac
size="${1:?usage: bench/logs.sh [--profile sparse|dense|prefix-heavy] [--runs N] [--baseline PUBLISH_DIR] SIZE_MB [DIR]}"
suffix=$([ "$profile" = sparse ] && echo "" || echo "-$profile")
dir="${2:-/tmp/remediationgen-bench-logs-$size$suffix}"
rid="$(dotnet --info | awk '/^ RID:/ { print $2; exit }')"
publish="artifacts/bench/publish-$rid"
tool="artifacts/bench/tool"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

command -v rg >/dev/null || apt-get install -y ripgrep >/dev/null
dotnet publish src/RemediationGen.Cli -c Release -r "$rid" --self-contained false -o "$publish" -v quiet -nologo >/dev/null
dotnet build bench/RemediationGen.Bench -c Release -o "$tool" -v quiet -nologo >/dev/null

if [ ! -f "$dir/.complete" ]; then
  rm -rf "$dir"
  dotnet "$tool/RemediationGen.Bench.dll" generate "$dir" "$size" "$profile"
  touch "$dir/.complete"
fi

dotnet "$tool/RemediationGen.Bench.dll" signatures >"$work/signatures.txt"
find "$dir" -type f -name '*.log' -exec cat {} + >/dev/null   # warm the page cache

# Runs "$@" under /usr/bin/time; exit codes 0 and 1 (diagnose: findings present; grep: no match) are success.
timed() {
  local name="$1"
  shift
  /usr/bin/time -f '%e %U %S %M' -o "$work/$name.time" "$@" >"$work/$name.out" 2>"$work/$name.err" || [ $? -eq 1 ]
  tail -1 "$work/$name.time" >>"$work/$name.all"   # time's last line (before it: "Command exited with non-zero status 1")
}

for _ in $(seq "$runs"); do
  [ -z "$baseline" ] || timed before "$baseline/remediationgen" diagnose --logs "$dir" --format json
  timed diagnose "$publish/remediationgen" diagnose --logs "$dir" --format json
  timed grep-F grep -c -F -f "$work/signatures.txt" -r "$dir"
  timed grep-Fi grep -c -F -i -f "$work/signatures.txt" -r "$dir"
  timed rg-F rg -c -F -f "$work/signatures.txt" "$dir"
done

# min and median wall, median CPU, max RSS (MiB) of a command's runs (POSIX awk: sorted with sort -n)
median() { sort -n | awk '{ v[NR] = $1 } END { printf "%.2f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
stats() {
  local f="$work/$1.all"
  printf '%s %s %s %d\n' "$(awk '{ print $1 }' "$f" | sort -n | head -1)" "$(awk '{ print $1 }' "$f" | median)" \
    "$(awk '{ print $2 + $3 }' "$f" | median)" "$(($(awk '{ print $4 }' "$f" | sort -n | tail -1) / 1024))"
}

bytes=$(find "$dir" -type f -name '*.log' -printf '%s\n' | awk '{ s += $1 } END { printf "%.0f\n", s }')
files=$(find "$dir" -type f -name '*.log' | wc -l)
printf 'profile:   %s; logs %s (%d files, %.0f MiB; %d signatures); %d runs each, interleaved\n' "$profile" "$dir" "$files" \
  "$(awk -v b="$bytes" 'BEGIN { print b / 1048576 }')" "$(wc -l <"$work/signatures.txt")" "$runs"
printf 'load:      %s\n' "$(uptime | sed 's/.*load average: //')"
printf '%-10s %9s %9s %9s %9s  %s\n' command 'wall min' 'wall med' 'CPU med' 'peak MiB' 'matches'
for name in $([ -z "$baseline" ] || echo before) diagnose grep-F grep-Fi rg-F; do
  read -r wmin wmed cpu rss <<<"$(stats "$name")"
  if [ "$name" = diagnose ] || [ "$name" = before ]; then
    what="$(grep -c '"ruleId"' "$work/$name.out" || true) finding(s)"
  else
    what="$(awk -F: '{ s += $NF } END { print s }' "$work/$name.out") matching lines"
  fi
  printf '%-10s %8ss %8ss %8ss %9d  %s\n' "$name" "$wmin" "$wmed" "$cpu" "$rss" "$what"
done
read -r _ dmed _ _ <<<"$(stats diagnose)"
read -r _ gmed _ _ <<<"$(stats grep-F)"
printf 'ratio:     diagnose / grep -c -F = %.2f (medians; target <= 0.50)\n' "$(awk -v d="$dmed" -v g="$gmed" 'BEGIN { print d / g }')"
# CPU is the steadier figure on a shared machine: wall times under load swing by 2x between runs.
read -r _ _ dcpu _ <<<"$(stats diagnose)"
read -r _ _ gcpu _ <<<"$(stats grep-F)"
printf 'ratio CPU: diagnose / grep -c -F = %.2f' "$(awk -v d="$dcpu" -v g="$gcpu" 'BEGIN { print d / g }')"
if [ -n "$baseline" ]; then
  read -r _ _ bcpu _ <<<"$(stats before)"
  printf '; before / grep -c -F = %.2f' "$(awk -v d="$bcpu" -v g="$gcpu" 'BEGIN { print d / g }')"
fi
printf ' (CPU medians)\n'

# Single-file figures: CPU of diagnose on one file minus its start-up (an empty log), as the median of the runs.
one="$(find "$dir" -type f -name '*.log' | sort | head -1)"
mkdir -p "$work/empty/dp00.contoso.com" && : >"$work/empty/dp00.contoso.com/SMSPXE.log"
for _ in $(seq "$runs"); do
  timed startup "$publish/remediationgen" diagnose --logs "$work/empty" --format json
  timed single "$publish/remediationgen" diagnose --logs "$one" --format json
done
read -r _ _ start_cpu _ <<<"$(stats startup)"
read -r _ _ one_cpu one_rss <<<"$(stats single)"
one_bytes=$(stat -c %s "$one")
one_hits=$(grep -c -F -f "$work/signatures.txt" "$one" || true)
net=$(awk -v a="$one_cpu" -v b="$start_cpu" 'BEGIN { d = a - b; print (d > 0.001 ? d : 0.001) }')
printf 'one file:  %s (%.0f MiB, %d matching lines): %.2f s CPU, start-up %.2f s CPU, peak %d MiB\n' "$one" \
  "$(awk -v b="$one_bytes" 'BEGIN { print b / 1048576 }')" "$one_hits" "$one_cpu" "$start_cpu" "$one_rss"
printf 'per core:  %.0f MB/s after start-up (target >= 1000 on prefix-heavy)\n' "$(awk -v b="$one_bytes" -v t="$net" 'BEGIN { print b / t / 1e6 }')"
dotnet "$tool/RemediationGen.Bench.dll" scan "$one"   # the scanner alone, in process: search vs framing and parsing
if [ "$one_hits" -ge 1000 ]; then
  printf 'per hit:   %.2f us of CPU after start-up, all of it charged to the hits (target <= 1 on dense)\n' \
    "$(awk -v t="$net" -v h="$one_hits" 'BEGIN { print t / h * 1e6 }')"
fi
