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

# measure LABEL NOFILE COMMAND...: runs COMMAND `runs` times in $work; prints one table row
# and leaves the median wall time, in seconds, in $median. The ratio is to $baseline, if set.
# The wall time is the shell's clock (GNU time's has only hundredths of a second, too coarse
# for fetch_only's few tens of milliseconds for 1,000 pages).
measure() {
  local label=$1 nofile=$2
  shift 2
  local walls=() peak=0 status=0 start end
  for _ in $(seq "$runs"); do
    start=$EPOCHREALTIME
    (cd "$work" && ulimit -n "$nofile" && /usr/bin/time -f '%M' -o "$work/time" "$@" > /dev/null 2> "$work/stderr") || status=$?
    end=$EPOCHREALTIME
    walls+=("$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }')")
    read -r kib < "$work/time"
    [ "$kib" -gt "$peak" ] && peak=$kib
  done
  median=$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  local ratio=
  [ -n "${baseline:-}" ] && ratio=$(awk -v m="$median" -v b="$baseline" 'BEGIN { printf "%.2f x", m / b }')
  printf '%-20s %-12s %8s s %8s %8s MiB   exit %s\n' "$label" "nofile $nofile" "$median" "$ratio" \
    "$(awk -v k="$peak" 'BEGIN { printf "%.1f", k / 1024 }')" "$status"
}

echo "$pages pages at $base, median of $runs runs, its ratio to fetch_only's, largest max RSS:"
for nofile in "$(ulimit -n)" 256; do
  baseline=
  measure fetch_only "$nofile" "$target/fetch_only" urls.txt
  baseline=$median
  measure http_requests_async "$nofile" "$target/http_requests_async" urls.txt
  measure areq "$nofile" "$target/areq" urls.txt
done
rows=$(($(wc -l < "$work/foundurls.txt") - 1))
echo "areq wrote $rows rows to foundurls.txt in its last run"
