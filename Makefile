# Shortcuts; each target is one or two plain cargo commands you can also type yourself.
EXAMPLE ?= async_chores

.PHONY: run test lint snapshots real bench verify copy-out

## run: run one example in real time (make run EXAMPLE=count)
run:
	cargo run -p $(EXAMPLE)

## test: the whole test suite, every example on the paused clock
test:
	cargo test

## lint: formatting, clippy with warnings denied, and one package per example name
lint:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	@for dir in examples/*/; do \
		cargo pkgid -q "$$(basename "$$dir")" >/dev/null || exit 1; \
	done

## copy-out: the README's copying instructions, followed for count and http_requests_async outside the workspace
copy-out:
	tests/copy_out.sh

## verify: the exercise track: every starting code fails its grade, every solution passes
verify:
	cargo run -q -p learn -- verify

## snapshots: run the tests and review changed insta snapshots (installs cargo-insta once)
snapshots:
	cargo insta --version >/dev/null 2>&1 || cargo install cargo-insta --locked
	cargo insta test --review

## real: run every example in real time and check it against its goldens (about 20 s)
real:
	cargo build --workspace --bins
	cargo run -q -p golden --features site --bin realtime

## bench: time http_requests_async and areq on the local site (1,000 pages; PAGES=, RUNS=), each against fetch_only, which only fetches
bench:
	tests/bench.sh
