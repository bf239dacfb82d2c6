#!/usr/bin/env bash
# Runs a command beside a throw-away PostgreSQL cluster on a loopback port and
# exports its URL as KUNDVAKT_TEST_PG; the cluster is stopped and deleted when
# the command ends, however it ends. initdb refuses to run as root, so as root
# the cluster belongs to the `postgres` user that Debian's package creates.
#
#   tests/support/with-postgres.sh cargo nextest run --workspace
set -euo pipefail

pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$pgbin" ] || [ ! -x "$pgbin/initdb" ]; then
  echo "with-postgres: PostgreSQL server binaries are not installed (apt-get install postgresql)" >&2
  exit 2
fi

dir=$(mktemp -d /tmp/kundvakt-pg.XXXXXX)
chmod 755 "$dir"
as_owner=()
if [ "$(id -u)" = 0 ]; then
  chown postgres: "$dir"
  as_owner=(runuser -u postgres --)
fi
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

stop() {
  "${as_owner[@]}" "$pgbin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT

"${as_owner[@]}" "$pgbin/initdb" -D "$dir/data" -U kundvakt --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 2; }
# fsync off: the cluster is thrown away, and the tests run faster. Each test
# creates its own database, which goes through the write-ahead log: a small,
# minimal WAL keeps the cluster's disk use at the size of its databases (a CI
# run once filled its disk here).
"${as_owner[@]}" "$pgbin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-h 127.0.0.1 -p $port -k $dir -F -c max_connections=200 -c wal_level=minimal -c max_wal_senders=0 -c max_wal_size=64MB -c min_wal_size=32MB -c full_page_writes=off" start >/dev/null \
  || { cat "$dir/server.log" >&2; exit 2; }

export KUNDVAKT_TEST_PG="postgres://kundvakt@127.0.0.1:$port/postgres"
echo "with-postgres: PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port" >&2
"$@"
