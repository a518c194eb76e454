#!/usr/bin/env bash
# Whole-process wall time of remediationgen, median of N runs (default 5) after 2 warm-ups, on the ReadyToRun build that
# `dotnet publish -r <rid>` produces.
#   bench/startup.sh [RUNS]                  this working tree only
#   bench/startup.sh RUNS BASELINE_COMMIT... this working tree against each BASELINE_COMMIT (e.g. c3f48cc, the
#                                            Handlebars build), interleaved run by run so all see the same machine load
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
baselines=("${@:2}")
rid="$(dotnet --info | awk '/^ RID:/ { print $2; exit }')"
publish="artifacts/bench/publish-$rid"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

dotnet publish src/RemediationGen.Cli -c Release -r "$rid" --self-contained false -o "$publish" -v quiet -nologo >/dev/null
builds=("$publish/remediationgen")
names=("current")
for baseline in "${baselines[@]}"; do
  # The baseline's sources from git (no worktree is registered), published the same way.
  name="$(git rev-parse --short "$baseline")"
  mkdir -p "$out/baseline-$name"
  git archive "$baseline" | tar -x -C "$out/baseline-$name"
  dotnet publish "$out/baseline-$name/src/RemediationGen.Cli" -c Release -r "$rid" --self-contained false -o "$out/publish-$name" -v quiet -nologo >/dev/null
  builds+=("$out/publish-$name/remediationgen")
  names+=("$name")
done

median() {
  tr ' ' '\n' | grep -v '^$' | sort -n | awk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%d ms (median of %d; min %d, max %d)", m, NR, a[1], a[NR] }'
}

# measure LABEL ARGS...: runs every build in turn, RUNS + 2 rounds, and prints per build the median wall time and,
# where /usr/bin/time exists, the median CPU time (user + system, 10 ms resolution), which a loaded machine skews less.
measure() {
  local label="$1" i b start end cpu
  shift
  local -a times=() cpus=()
  for ((i = 0; i < runs + 2; i++)); do
    for b in "${!builds[@]}"; do
      rm -rf "$out/packages"
      start=$(date +%s%N)
      if [ -x /usr/bin/time ]; then
        /usr/bin/time -f '%U %S' -o "$out/cpu" "${builds[$b]}" "$@" >/dev/null 2>&1 || [ $? -eq 1 ]
      else
        "${builds[$b]}" "$@" >/dev/null 2>&1 || [ $? -eq 1 ]
      fi
      end=$(date +%s%N)
      if ((i >= 2)); then
        times[$b]="${times[$b]:-} $(((end - start) / 1000000))"
        [ -s "$out/cpu" ] && cpus[$b]="${cpus[$b]:-} $(tail -n 1 "$out/cpu" | awk '{ printf "%d", ($1 + $2) * 1000 }')"
      fi
    done
  done
  for b in "${!builds[@]}"; do
    cpu=""
    [ -n "${cpus[$b]:-}" ] && cpu="; CPU $(median <<<"${cpus[$b]}" | sed 's/ (.*//')"
    printf '%-34s %-8s %s%s\n' "$label" "${names[$b]}" "$(median <<<"${times[$b]}")" "$cpu"
  done
}

echo "load before: $(uptime | sed 's/.*load average/load average/')"
measure "remediationgen --version" --version
measure "remediationgen generate --demo" generate --demo --out "$out/packages"
measure "remediationgen diagnose --demo" diagnose --demo
echo "load after:  $(uptime | sed 's/.*load average/load average/')"
