#!/usr/bin/env bash
# A throw-away PostgreSQL cluster on 127.0.0.1 for benchmarks and manual
# trials (the tests start their own: crates/store/tests/support/pg.rs).
#   scripts/pg_cluster.sh start DIR PORT   initdb into DIR (if new) and start;
#                                          prints the URL of database `corroborate`
#   scripts/pg_cluster.sh stop DIR         stop it (DIR stays; rm -rf it to drop)
# initdb refuses root: as root the cluster belongs to the postgres user.
set -euo pipefail

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bin" ]; then
  echo "pg_cluster: PostgreSQL is not installed; run scripts/setup_web.sh postgres" >&2
  exit 1
fi
as() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    dir=${2:?DIR}; port=${3:?PORT}
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      as "$bin/initdb" -A trust -U postgres -E UTF8 --locale=C -D "$dir/data" >/dev/null
    fi
    as "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
      -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories='$dir'" start >/dev/null
    as "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres corroborate 2>/dev/null || true
    echo "postgres://postgres@127.0.0.1:$port/corroborate"
    ;;
  stop)
    dir=${2:?DIR}
    as "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    ;;
  *)
    echo "usage: $0 start DIR PORT | stop DIR" >&2
    exit 2
    ;;
esac
