#!/usr/bin/env bash
# `make bench`: how fast, and in how much memory, http_requests_async and areq fetch every
# page of the local site, started here with 1,000 pages (PAGES=N for another number; the
# site alone serves 100 by default), release builds on this machine; then the
# same under `ulimit -n 256`, which a program holding a connection or a file per page fails.
# Prints the median wall time and the largest peak memory (max RSS) of RUNS runs each.
# Needs GNU time (/usr/bin/time, Debian's package `time`) for the memory figure.
set -euo pipefail
cd "$(dirname "$0")/.."
pages=${PAGES:-1000}
runs=${RUNS:-5}
target=${CARGO_TARGET_DIR:-target}/release

cargo build --release -q -p site -p http_requests_async -p areq
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

# measure LABEL NOFILE COMMAND...: runs COMMAND `runs` times in $work; prints one table row.
measure() {
  local label=$1 nofile=$2
  shift 2
  local walls=() peak=0 status=0
  for _ in $(seq "$runs"); do
    (cd "$work" && ulimit -n "$nofile" && /usr/bin/time -f '%e %M' -o "$work/time" "$@" > /dev/null 2> "$work/stderr") || status=$?
    read -r wall kib < "$work/time"
    walls+=("$wall")
    [ "$kib" -gt "$peak" ] && peak=$kib
  done
  local median
  median=$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  printf '%-22s %-12s %8s s %8s MiB   exit %s\n' "$label" "nofile $nofile" "$median" "$(awk -v k="$peak" 'BEGIN { printf "%.1f", k / 1024 }')" "$status"
}

echo "$pages pages at $base, median of $runs runs, largest max RSS:"
for nofile in "$(ulimit -n)" 256; do
  measure http_requests_async "$nofile" "$PWD/$target/http_requests_async" urls.txt
  measure areq "$nofile" "$PWD/$target/areq" urls.txt
done
rows=$(($(wc -l < "$work/foundurls.txt") - 1))
echo "areq wrote $rows rows to foundurls.txt in its last run"
