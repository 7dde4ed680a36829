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

# Installs Debian packages quietly (as root, or through sudo); succeeds when
# the first package list given installs, else tries the next.
apt_install() {
  local sudo=
  [ "$(id -u)" != 0 ] && sudo=sudo
  $sudo apt-get update -qq
  for pkgs in "$@"; do
    # shellcheck disable=SC2086  # each argument is a space-separated list
    if DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $pkgs >/dev/null; then
      return 0
    fi
  done
  return 1
}

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
    command -v "$1" >/dev/null || apt_install "$1"
    ;;
  postgres)
    # The package's own cluster is not needed; tests start their own.
    ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || apt_install postgresql-15 postgresql
    ;;
  *)
    echo "usage: $0 web|chromium|wrk|valgrind|postgres" >&2
    exit 2
    ;;
esac
