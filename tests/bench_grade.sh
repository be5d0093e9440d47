#!/usr/bin/env bash
# make bench-grade: how long a grade takes, warm. For each exercise, its solution (a passing
# grade) and its starting code (a failing one), then the corpus's hang and race
# (tests/mistakes), each graded by golden's `grade` tool as `cargo test -p EXERCISE` grades;
# then an unchanged `learn list`. Figures: farm-bench's min/median/max over RUNS runs.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
cargo build -q -p golden --features site --bin grade
# The exercises whose starting code does not compile on purpose have no failing grade to time.
not_compiling=$(cargo run -q -p learn -- not-compiling)
excluded=()
for name in $not_compiling; do excluded+=(--exclude "$name"); done
cargo build -q --workspace "${excluded[@]}" --bins
cargo build -q -p mistakes
cargo run -q -p learn -- list >/dev/null 2>&1 || true
grade=target/debug/grade
bench() { # LABEL COMMAND...
  printf '%s\n' "$1"
  shift
  farm-bench -n "$RUNS" --timeout 600 -- "$@" 2>&1 | grep -E "^ *A wall s" | sed 's/^ *A wall s */  wall s, min median max: /'
}
while read -r exercise solution; do
  bench "$exercise: solution $solution (pass)" "$grade" "$exercise" "target/debug/$solution"
  if ! grep -qx "$exercise" <<<"$not_compiling"; then
    bench "$exercise: starting code (fail)" "$grade" "$exercise" "target/debug/$exercise"
  fi
done < <(sed -n 's/^name = "\(ex_[a-z_0-9]*\)"$/\1/p; s/^solution = "\([a-z_0-9]*\)"$/\1/p' exercises/info.toml | paste - -)
bench "ex_queue: consumers awaited (hang)" "$grade" ex_queue target/debug/ex_queue__consumers_awaited
bench "ex_chores: potato loop in spawn_blocking (race)" "$grade" ex_chores target/debug/ex_chores__loop_in_spawn_blocking
bench "learn list, unchanged" cargo run -q -p learn -- list
