#!/usr/bin/env bash
# Installs what the web UI and its browser tests need, from the project's
# own files:
#   web    — the npm packages pinned in web/package-lock.json (the map's
#            d3-geo, topojson-client and world-atlas, embedded in the binary
#            at build time; playwright-core, which drives the browser tests)
#   chromium — Debian's chromium, the browser the tests drive (Playwright
#            never downloads a browser here)
#   wrk    — Debian's wrk, the HTTP load generator of scripts/load_test.sh
#   valgrind — Debian's valgrind, whose callgrind counts the instructions
#            of eval/bench_gate.py (the benchmark regression gate)
#   postgres — Debian's PostgreSQL server (15 on bookworm), whose initdb
#            and pg_ctl the store's tests use to start a throw-away cluster
# Usage: scripts/setup_web.sh web|chromium|wrk|valgrind|postgres
set -euo pipefail
cd "$(dirname "$0")/.."

case "${1:-}" in
  web)
    if ! command -v npm >/dev/null; then
      echo "setup_web: npm is missing; install Node.js (Debian: apt-get install nodejs npm)" >&2
      exit 1
    fi
    # npm ci only when the lock changed since the last install.
    if [ ! -f web/node_modules/.package-lock.json ] || [ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then
      npm ci --prefix web --no-audit --no-fund --loglevel=error
    fi
    ;;
  chromium|wrk|valgrind)
    if command -v "$1" >/dev/null; then
      exit 0
    fi
    if [ "$(id -u)" != 0 ]; then
      SUDO=sudo
    else
      SUDO=
    fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$1" >/dev/null
    ;;
  postgres)
    if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
      exit 0
    fi
    if [ "$(id -u)" != 0 ]; then
      SUDO=sudo
    else
      SUDO=
    fi
    $SUDO apt-get update -qq
    # The package's own cluster is not needed; tests start their own.
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends postgresql-15 >/dev/null \
      || DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null
    ;;
  *)
    echo "usage: $0 web|chromium|wrk|valgrind|postgres" >&2
    exit 2
    ;;
esac
