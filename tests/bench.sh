#!/usr/bin/env bash
# `make bench`: how fast, and in how much memory, http_requests_async and areq fetch every
# page of the local site, started here with 1,000 pages (PAGES=N for another number, up to
# 100,000; the site alone serves 100 by default), release builds on this machine. Each is
# compared with fetch_only, which fetches the same pages the same way and parses nothing:
# the ratio is what the example's own work (titles, links, logs, output) costs on top of the
# fetching. Then the same under `ulimit -n 256`, which a program holding a connection or a
# file per page fails.
# Prints the median wall time, its ratio to fetch_only's, and the largest peak memory (max
# RSS) of RUNS runs each. The site runs on the same machine, so the figures move with
# whatever else it is doing: compare ratios from the same run of this script.
# Needs GNU time (/usr/bin/time, Debian's package `time`) for the memory figure.
set -euo pipefail
cd "$(dirname "$0")/.."
pages=${PAGES:-1000}
runs=${RUNS:-5}

cargo build --release -q -p site -p fetch_only -p http_requests_async -p areq
target=$(cd "${CARGO_TARGET_DIR:-target}/release" && pwd)
if [ ! -x /usr/bin/time ]; then
  echo "bench: /usr/bin/time (GNU time) is missing: apt-get install time" >&2
  exit 2
fi

work=$(mktemp -d)
"$target/site" --port 0 --pages "$pages" -q > "$work/site.log" 2>&1 &
site_pid=$!
trap 'kill "$site_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 50); do
  base=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/site.log" | head -n 1 || true)
  [ -n "$base" ] && break
  sleep 0.1
done
[ -n "$base" ] || { echo "bench: the site did not start" >&2; cat "$work/site.log" >&2; exit 2; }
for i in $(seq 0 $((pages - 1))); do echo "$base/page/$i.html"; done > "$work/urls.txt"

programs=(fetch_only http_requests_async areq)
declare -A walls peaks statuses

# run NOFILE PROGRAM: one run of PROGRAM on urls.txt in $work. Adds its wall time to
# walls[PROGRAM], and keeps its largest max RSS and last nonzero exit status. The wall time is
# the shell's clock: GNU time's has only hundredths of a second, too coarse for fetch_only's
# few tens of milliseconds for 1,000 pages.
run() {
  local nofile=$1 program=$2 start end kib status=0
  start=$EPOCHREALTIME
  (cd "$work" && ulimit -n "$nofile" && /usr/bin/time -f '%M' -o "$work/time" "$target/$program" urls.txt > /dev/null 2> "$work/stderr") || status=$?
  end=$EPOCHREALTIME
  walls[$program]+="$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }') "
  read -r kib < "$work/time"
  [ "$kib" -gt "${peaks[$program]:-0}" ] && peaks[$program]=$kib
  [ "$status" -ne 0 ] && statuses[$program]=$status
  return 0
}

median() {
  printf '%s\n' $1 | sort -n | sed -n "$(( (runs + 1) / 2 ))p"
}

echo "$pages pages at $base, median of $runs runs, its ratio to fetch_only's, largest max RSS:"
for nofile in "$(ulimit -n)" 256; do
  walls=() peaks=() statuses=()
  # Round after round, so that whatever else the machine is doing weighs on each alike.
  for _ in $(seq "$runs"); do
    for program in "${programs[@]}"; do
      run "$nofile" "$program"
    done
  done
  baseline=$(median "${walls[fetch_only]}")
  for program in "${programs[@]}"; do
    wall=$(median "${walls[$program]}")
    ratio=$(awk -v w="$wall" -v b="$baseline" 'BEGIN { printf "%.2f x", w / b }')
    mib=$(awk -v k="${peaks[$program]}" 'BEGIN { printf "%.1f", k / 1024 }')
    printf '%-20s %-12s %7s s %8s %7s MiB   exit %s\n' "$program" "nofile $nofile" "$wall" \
      "$ratio" "$mib" "${statuses[$program]:-0}"
  done
done
rows=$(($(wc -l < "$work/foundurls.txt") - 1))
echo "areq wrote $rows rows to foundurls.txt in its last run"
