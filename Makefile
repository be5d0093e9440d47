# Shortcuts; each target is one or two plain cargo commands you can also type yourself.
EXAMPLE ?= async_chores

.PHONY: run test doctest lint snapshots real bench verify mistakes copy-out timelines originals

## run: run one example in real time (make run EXAMPLE=count)
run:
	cargo run -p $(EXAMPLE)

## test: the whole test suite, every example on the paused clock
test:
	cargo test

## doctest: the code in the crates' documentation (rustdoc rebuilds it on every run, so plain cargo test leaves it out)
doctest:
	cargo test --doc --workspace

## lint: formatting, clippy with warnings denied (all but the exercises whose starting code does not compile on purpose, `compiles = false` in exercises/info.toml), and one package per example name
lint:
	cargo fmt --all --check
	not_compiling=$$(cargo run -q -p learn -- not-compiling) || exit 1; \
	excluded=; for name in $$not_compiling; do excluded="$$excluded --exclude $$name"; done; \
	cargo clippy --workspace $$excluded --all-targets -- -D warnings
	@for dir in examples/*/; do \
		cargo pkgid -q "$$(basename "$$dir")" >/dev/null || exit 1; \
	done

## copy-out: the README's copying instructions, followed for count and http_requests_async outside the workspace
copy-out:
	tests/copy_out.sh

## timelines: the chore lessons' timelines against their snapshots (builds with --cfg tokio_unstable in target/timeline)
timelines:
	cargo test -p learn --test timeline -- --ignored

## verify: the exercise track: every starting code fails its grade, every solution passes
verify:
	cargo run -q -p learn -- verify

## mistakes: the corpus of learner mistakes (tests/mistakes): each case must get the verdict and diagnosis its header gives
mistakes:
	cargo test -p mistakes

## snapshots: run the tests and review changed insta snapshots (installs cargo-insta once)
snapshots:
	cargo insta --version >/dev/null 2>&1 || cargo install cargo-insta --locked
	cargo insta test --review

## originals: run every examples/*/original.py with python3 in real time and check it against its example's goldens (the only target that needs Python)
originals:
	cargo run -q -p golden --features site --bin originals

## real: run every example in real time and check it against its goldens (about 20 s)
real:
	cargo build --bins
	cargo run -q -p golden --features site --bin realtime

## bench: time http_requests_async and areq on the local site (1,000 pages; PAGES=, RUNS=), each against fetch_only, which only fetches
bench:
	tests/bench.sh

.PHONY: book book-check

## book: the book (book/build/index.html): installs mdbook once, writes every golden's output and the timeline of each
## example and exercise on the paused clock (`bookgen timelines` lists them), builds, checks
book:
	# mdbook 0.5.4, the newest today: the version whose HTML bookgen's link check was written against.
	mdbook --version >/dev/null 2>&1 || cargo install mdbook --version 0.5.4 --locked --no-default-features --features search
	cargo run -q -p bookgen -- outputs
	rm -rf book/src/generated/timelines
	mkdir -p book/src/generated/timelines
	for name in $$(cargo run -q -p bookgen -- timelines); do \
		cargo run -q -p learn -- timeline "$$name" --svg "book/src/generated/timelines/$$name.svg" || exit 1; \
	done
	rm -rf book/build
	mdbook build book
	cargo run -q -p bookgen -- check

## book-check: the built book in headless Chromium: async_chores's page shows its timeline, every lane (installs chromium if missing)
book-check:
	tests/book_check.sh

.PHONY: bench-grade

## bench-grade: how long a grade takes, warm (farm-bench; RUNS=): each exercise's solution and starting code, a hang, a race, an unchanged learn list
bench-grade:
	tests/bench_grade.sh
