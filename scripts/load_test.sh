#!/usr/bin/env bash
# Load test of `corroborate serve` with wrk on loopback (RELIABILITY.md).
#   scripts/load_test.sh [SECONDS] [CONNECTIONS] [STORIES]
# Builds a store of STORIES generated stories (4 articles each), starts the
# server on a free port, opens every story once (the analyses are then
# cached, as on a server in use), and runs wrk for SECONDS on each of: the
# story list, story views picked at random, and articles picked at random.
# Prints requests/s, latency percentiles and errors per endpoint; fails when
# any request failed (socket error or non-2xx) or when p99 exceeds
# MAX_P99_MS (default 100).
set -euo pipefail
cd "$(dirname "$0")/.."
SECS="${1:-30}"
CONNS="${2:-1000}"
STORIES="${3:-1000}"
MAX_P99_MS="${MAX_P99_MS:-100}"
BIN="${CORROBORATE_BIN:-target/release/corroborate}"
WORK=$(mktemp -d)
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

python3 scripts/gen_corpus.py --stories "$STORIES" --per-story 4 --out "$WORK/corpus.jsonl"
"$BIN" --db "$WORK/load.db" --quiet ingest "$WORK/corpus.jsonl"
"$BIN" --db "$WORK/load.db" --quiet serve --addr 127.0.0.1:0 > "$WORK/serve.log" 2>&1 &
SERVER=$!
for _ in $(seq 100); do grep -q serving "$WORK/serve.log" 2>/dev/null && break; sleep 0.1; done
BASE=$(grep -o 'http://127.0.0.1:[0-9]*' "$WORK/serve.log")
STORY_IDS=$(curl -sf "$BASE/api/stories?limit=200" >/dev/null; python3 - "$WORK/load.db" <<'PY'
import sqlite3, sys
keys = [r[0] for r in sqlite3.connect(sys.argv[1]).execute("SELECT DISTINCT story FROM articles ORDER BY story")]
print(" ".join(f"s{k}" for k in keys))
PY
)
N=$(echo "$STORY_IDS" | wc -w)
echo "load test: $N stories of 4 articles; warming the story cache"
for s in $STORY_IDS; do echo "$BASE/api/stories/$s"; done | xargs -P 4 -n 20 curl -s > /dev/null
# Articles too: their details (annotations, events) are made once and kept.
python3 -c "
for s in range($STORIES):
    for c in range(4):
        print('$BASE/api/articles/g%d-%d' % (s, c))
" | xargs -P 4 -n 50 curl -s > /dev/null

cat > "$WORK/stories.lua" <<LUA
local ids = {}
for id in string.gmatch("$STORY_IDS", "%S+") do ids[#ids + 1] = id end
request = function() return wrk.format("GET", "/api/stories/" .. ids[math.random(#ids)]) end
LUA
cat > "$WORK/articles.lua" <<LUA
request = function()
  return wrk.format("GET", string.format("/api/articles/g%d-%d", math.random(0, $STORIES - 1), math.random(0, 3)))
end
LUA
cat > "$WORK/report.lua" <<'LUA'
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d rps=%.0f p50_ms=%.1f p99_ms=%.1f max_ms=%.1f errors=%d (connect %d, read %d, write %d, timeout %d, status %d)\n",
    summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    e.connect + e.read + e.write + e.timeout + e.status,
    e.connect, e.read, e.write, e.timeout, e.status))
end
LUA
status=0
run() { # name, path, [lua]
  local script=("$WORK/report.lua")
  if [ -n "${3:-}" ]; then cat "$3" "$WORK/report.lua" > "$WORK/combined.lua"; script=("$WORK/combined.lua"); fi
  local line
  line=$(wrk -t2 -c"$CONNS" -d"${SECS}s" --timeout 10s -s "${script[0]}" "$BASE$2" | grep '^RESULT')
  echo "$1: ${line#RESULT }"
  local errors p99
  errors=$(echo "$line" | sed 's/.*errors=\([0-9]*\).*/\1/')
  p99=$(echo "$line" | sed 's/.*p99_ms=\([0-9.]*\).*/\1/')
  if [ "$errors" != 0 ]; then
    echo "load test: $1 had $errors failed requests; the server said:" >&2
    grep -v serving "$WORK/serve.log" | tail -5 >&2 || true
    status=1
  fi
  if awk "BEGIN{exit !($p99 > $MAX_P99_MS)}"; then echo "load test: $1 p99 ${p99} ms over ${MAX_P99_MS} ms" >&2; status=1; fi
}
run "story list (GET /api/stories)" "/api/stories"
run "story view (GET /api/stories/{id}, random)" "/api/stories/s1" "$WORK/stories.lua"
run "article (GET /api/articles/{id}, random)" "/api/articles/g0-0" "$WORK/articles.lua"
exit $status
