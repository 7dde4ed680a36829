# corroborate — tasks for people and tooling. Every target is
# non-interactive; `make setup` is what a fresh machine needs.

CARGO ?= cargo
BIN := target/release/corroborate

.PHONY: setup demo test lint fmt schema clean

## setup: fetch dependencies and build the release binary (target/release/corroborate)
setup:
	$(CARGO) build --release --locked

## demo: set up, then print the Markdown report of the invented examples
demo: setup
	$(BIN) run examples --format markdown

## test: the whole test suite (unit, end-to-end, snapshots, doc tests) and the lints
test:
	INSTA_UPDATE=no $(CARGO) test --workspace --locked
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets --locked -- -D warnings

## schema: regenerate schema/report.schema.json from the report types
schema:
	$(CARGO) run --quiet --release -- schema > schema/report.schema.json

clean:
	$(CARGO) clean
