#!/usr/bin/env bash
# make book-check: the built book in a real browser. Headless Chromium opens async_chores's
# page (book/build, from `make book`) and dumps the DOM it built; the check passes when the
# page's timeline is there as inline SVG, with every lane of the generated SVG file
# (book/src/generated/timelines/async_chores.svg): each lane a `<g class="lane" data-task="...">`.
# Installs Debian's chromium if it is missing. Not part of `cargo test`.
set -euo pipefail
cd "$(dirname "$0")/.."

example=async_chores
svg=book/src/generated/timelines/$example.svg
chromium=/usr/bin/chromium

if [ ! -f book/build/index.html ]; then
  echo "book_check: book/build is not built: run \`make book\` first" >&2
  exit 1
fi
if [ ! -f "$svg" ]; then
  echo "book_check: $svg is missing: the timelines were not generated: run \`make book\`" >&2
  exit 1
fi
page=$(grep -rl --include='*.html' "data-example=\"$example\"" book/build | grep -v '/print\.html$' | head -n 1 || true)
if [ -z "$page" ]; then
  echo "book_check: no page of book/build shows the timeline of $example" >&2
  exit 1
fi

if [ ! -x "$chromium" ]; then
  echo "book_check: installing chromium (apt-get)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if ! timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$work/profile" --dump-dom "file://$PWD/$page" \
  >"$work/dom.html" 2>"$work/chromium.log"; then
  echo "book_check: chromium failed on $page:" >&2
  tail -n 20 "$work/chromium.log" >&2
  exit 1
fi

# The lanes: <g ...> elements whose class list holds `lane`.
lanes() {
  perl -0777 -ne 'my $n = () = /<g\b[^>]*\bclass="(?:[^"]*\s)?lane(?:\s[^"]*)?"/g; print "$n\n"'
}
# The timeline's block in the DOM: from its div to the end of its SVG.
perl -0777 -ne "print \$1 if m{(<div class=\"timeline-figure\" data-example=\"$example\">.*?</svg>)}s" \
  "$work/dom.html" >"$work/timeline.html"

if ! grep -q '<svg' "$work/timeline.html"; then
  echo "book_check: $page: the DOM has no SVG in $example's timeline" >&2
  exit 1
fi
in_dom=$(lanes <"$work/timeline.html")
in_file=$(lanes <"$svg")
tasks=$(perl -0777 -ne 'print join(", ", /<g\b[^>]*\bclass="(?:[^"]*\s)?lane(?:\s[^"]*)?"[^>]*\bdata-task="([^"]*)"/g)' "$work/timeline.html")
echo "book_check: $page: $example's timeline in the DOM has $in_dom lanes ($tasks); $svg has $in_file"
if [ "$in_file" -lt 2 ]; then
  echo "book_check: $svg has $in_file lanes: expected main and the chores' tasks" >&2
  exit 1
fi
if [ "$in_dom" -ne "$in_file" ]; then
  echo "book_check: the browser's DOM has $in_dom lanes where the SVG has $in_file" >&2
  exit 1
fi
echo "book_check: passed"
