#!/usr/bin/env bash
# `make copy-out`, and CI: the README's instructions for copying an example into a program
# of your own, followed to the letter for one async example (count) and one network
# example (http_requests_async), each built and run in a folder outside this workspace.
#
# The Cargo.toml of each copy is made from the README alone: the example's row of the
# dependencies table and the lines of the toml block it names. The source is the example's
# src/, with the README's replacements for the vclock calls. Offline: the crates come from
# the registry cache the workspace build filled, and this workspace's Cargo.lock keeps the
# same versions.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export CARGO_TARGET_DIR=${COPY_OUT_TARGET:-$repo/target/copy-out}

# The README's dependency table row naming `$1`: prints its tokio cell and its other cell.
row() {
  grep -E "^\| [^|]*\`$1\`[^|]*\| (\`tokio|none)" README.md | head -n 1
}

# The toml block's line for dependency `$1` (`webfetch-blocking` for its blocking line).
dependency_line() {
  local block
  block=$(sed -n '/^The other dependencies, each as one line/,/^```$/p' README.md | sed -n '/^```toml$/,/^```$/p')
  case $1 in
    webfetch-blocking) grep -E '^webfetch = .*blocking' <<<"$block" ;;
    webfetch) grep -E '^webfetch = ' <<<"$block" | grep -v blocking ;;
    *) grep -E "^$1 = " <<<"$block" ;;
  esac | head -n 1 | sed "s|\.\./asyncio-to-tokio|$repo|"
}

# copy EXAMPLE: a crate of its own in $work/EXAMPLE, from the README.
copy() {
  local example=$1 line tokio others dir
  line=$(row "$example")
  [ -n "$line" ] || { echo "copy-out: the README has no dependency row for $example" >&2; exit 1; }
  tokio=$(awk -F' \\| ' '{print $2}' <<<"$line" | grep -o 'tokio = {[^`]*}' || true)
  others=$(awk -F' \\| ' '{print $3}' <<<"$line" | sed 's/ |$//; s/(its `blocking` line)/-blocking/; s/ -blocking/-blocking/')
  dir=$work/$example
  mkdir -p "$dir"
  cp -r "examples/$example/src" "$dir/"
  {
    printf '[package]\nname = "%s"\nversion = "0.1.0"\nedition = "2024"\n\n[dependencies]\n' "$example"
    [ -z "$tokio" ] || echo "$tokio"
    for dep in ${others//,/ }; do
      dependency_line "$dep"
    done
  } > "$dir/Cargo.toml"
  # The README's replacements of the vclock calls.
  sed -i \
    -e 's/#\[vclock::main\] async fn main/#[tokio::main(flavor = "current_thread")] async fn main/' \
    -e 's/^#\[vclock::main\]$/#[tokio::main(flavor = "current_thread")]/' \
    -e 's/vclock::thread::sleep/std::thread::sleep/g' \
    -e 's/vclock::runtime::new_current_thread()/tokio::runtime::Builder::new_current_thread()/g' \
    "$dir"/src/*.rs
  if grep -n 'vclock' "$dir"/src/*.rs; then
    echo "copy-out: $example still names vclock after the README's replacements" >&2
    exit 1
  fi
  cp Cargo.lock "$dir/"
  echo "copy-out: $example, with this Cargo.toml:"
  sed 's/^/  /' "$dir/Cargo.toml"
  (cd "$dir" && cargo build --offline --quiet)
}

copy count
copy http_requests_async

# Each copy runs as the example does.
out=$("$CARGO_TARGET_DIR/debug/count")
grep -q '^apple 0$' <<<"$out" && grep -q '^Elapsed 2\.' <<<"$out" || {
  echo "copy-out: the copy of count printed:" >&2
  echo "$out" >&2
  exit 1
}
status=0
msg=$(cd "$work" && "$CARGO_TARGET_DIR/debug/http_requests_async" no-such-list.txt 2>&1) || status=$?
if [ "$status" != 1 ] || ! grep -q 'cannot read no-such-list.txt' <<<"$msg"; then
  echo "copy-out: the copy of http_requests_async, on a missing list, gave exit code $status and: $msg" >&2
  exit 1
fi
echo "copy-out: count and http_requests_async build and run outside the workspace"
