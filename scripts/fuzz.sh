#!/usr/bin/env bash
# Builds and runs the fuzz targets of fuzz/ with cargo-fuzz (libFuzzer).
#   scripts/fuzz.sh [SECONDS] [TARGET...]
# Each target runs SECONDS (default 20) from a seed corpus made of the real
# files in ../shared/data (written to target/fuzz-corpus/, not committed);
# crashes land in fuzz/artifacts/TARGET/ and the script fails. cargo-fuzz is
# installed from crates.io when missing; the toolchain is the machine's
# stable one (RUSTC_BOOTSTRAP lets it take libFuzzer's -Z flags).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH="${1:-20}"
shift || true
TARGETS=("$@")
if [ ${#TARGETS[@]} -eq 0 ]; then
  TARGETS=(html feed warc warc_gz jsonl numbers dates places annotate)
fi
SHARED=../shared/data
CORPUS=target/fuzz-corpus
export RUSTC_BOOTSTRAP=1

if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --version 0.13.1 --locked --quiet
fi

# Seed corpora: small real inputs of each kind.
max_len() { # documents explore structure at 64 KiB, text targets at 4 KiB
  case "$1" in numbers|dates|places|annotate) echo 4096 ;; *) echo 65536 ;; esac
}
seed() { # target, files...
  local dir="$CORPUS/$1" len; len=$(max_len "$1"); shift
  mkdir -p "$dir"
  for f in "$@"; do
    [ -f "$f" ] || continue
    head -c "$len" "$f" > "$dir/$(basename "$f" | tr -c 'A-Za-z0-9._-' '_')"
  done
}
mapfile -t HTML < <(find "$SHARED/article-extraction-benchmark" -type f | sort | head -40)
mapfile -t TEXT < <(find "$SHARED/seeds" "$SHARED/esc" "$SHARED/multilingual-news" -type f \( -name '*.txt' -o -name '*.xml' -o -name '*.jsonl' -o -name '*.tsv' \) 2>/dev/null | sort | head -60)
seed html "${HTML[@]}" tests/fixtures/bad/malformed.html tests/fixtures/hostile/xss.jsonl
seed feed $(find tests/fixtures -name '*.xml' -o -name '*.rss' -o -name '*.atom' | sort)
seed warc $(find tests/fixtures -name '*.warc' | sort)
seed warc_gz $(find tests/fixtures -name '*.warc.gz' | sort)
seed jsonl $(find tests/fixtures examples -name '*.jsonl' | sort)
for t in numbers dates places annotate; do seed "$t" "${TEXT[@]}" $(find examples -name '*.txt' | sort); done

status=0
for t in "${TARGETS[@]}"; do
  echo "fuzz: $t for ${SECONDS_EACH}s"
  out=$( (cd fuzz && cargo fuzz run --release "$t" "../$CORPUS/$t" -- \
      -max_total_time="$SECONDS_EACH" -rss_limit_mb=2048 -max_len="$(max_len "$t")" -print_final_stats=1) 2>&1 ) || status=1
  echo "$out" | grep -E "stat::number_of_executed_units|stat::peak_rss_mb|SUMMARY|panicked|ERROR" | sed "s/^/  $t: /"
done
exit $status
